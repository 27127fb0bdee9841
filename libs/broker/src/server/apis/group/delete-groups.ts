import { ApiKey, decodeDeleteGroupsRequest, encodeDeleteGroupsResponse, type DeleteGroupsRequest, type DeleteGroupsResponseInput } from "@skein/protocol";
import { GroupAuthorizationFailedError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { errorCode } from "../../error-codes.js";

/** DeleteGroups: Empty groups only (NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND otherwise), each with its own result. */
export function deleteGroupsApi(services: BrokerServices) {
  return defineApi<DeleteGroupsRequest, DeleteGroupsResponseInput>({
    apiKey: ApiKey.DeleteGroups,
    minVersion: 0,
    maxVersion: 2,
    decode: decodeDeleteGroupsRequest,
    encode: encodeDeleteGroupsResponse,
    async handle(request, context) {
      const authorized = services.auth.filterByAuthorized(context, "DELETE", "GROUP", request.groupsNames);
      const results = await services.groups.deleteGroups(request.groupsNames.filter((g) => authorized.has(g)));
      for (const r of results) services.auth.recordChange(context, "DELETE", "GROUP", r.groupId, r.error);
      const denied = new GroupAuthorizationFailedError().code;
      return {
        throttleTimeMs: 0,
        results: [...results.map((r) => ({ groupId: r.groupId, errorCode: errorCode(r.error) })), ...request.groupsNames.filter((g) => !authorized.has(g)).map((groupId) => ({ groupId, errorCode: denied }))],
      };
    },
    errorResponse: (request, error) => ({ throttleTimeMs: 0, results: request.groupsNames.map((groupId) => ({ groupId, errorCode: error.code })) }),
  });
}
