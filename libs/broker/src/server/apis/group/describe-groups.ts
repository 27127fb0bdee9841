import { ApiKey, decodeDescribeGroupsRequest, encodeDescribeGroupsResponse, type DescribeGroupsRequest, type DescribeGroupsResponseInput } from "@skein/protocol";
import { defineApi } from "../../api-handler.js";
import { GroupAuthorizationFailedError } from "../../../errors.js";
import { AUTHORIZED_OPERATIONS_OMITTED } from "../../authorized-operations.js";
import type { BrokerServices } from "../../broker-services.js";
import { errorCode } from "../../error-codes.js";

/** DescribeGroups: state, protocol and members (with metadata and assignment once Stable); "Dead" for unknown groups. */
export function describeGroupsApi(services: BrokerServices) {
  return defineApi<DescribeGroupsRequest, DescribeGroupsResponseInput>({
    apiKey: ApiKey.DescribeGroups,
    minVersion: 0,
    maxVersion: 5,
    decode: decodeDescribeGroupsRequest,
    encode: encodeDescribeGroupsResponse,
    handle(request, context) {
      const withInstanceIds = context.apiVersion >= 4;
      return {
        throttleTimeMs: 0,
        groups: request.groups.map((groupId) => {
          try {
            if (!services.auth.authorize(context, "DESCRIBE", "GROUP", groupId)) throw new GroupAuthorizationFailedError();
            const group = services.groups.describeGroup(groupId);
            return {
              errorCode: 0,
              groupId,
              groupState: group.state,
              protocolType: group.protocolType,
              protocolData: group.protocol,
              members: group.members.map((m) => ({
                memberId: m.memberId,
                groupInstanceId: withInstanceIds ? m.groupInstanceId : null,
                clientId: m.clientId,
                clientHost: m.clientHost,
                memberMetadata: m.metadata,
                memberAssignment: m.assignment,
              })),
              authorizedOperations: request.includeAuthorizedOperations ? services.auth.authorizedOperations(context, "GROUP", groupId) : AUTHORIZED_OPERATIONS_OMITTED,
            };
          } catch (error) {
            return { errorCode: errorCode(error), groupId, groupState: "", protocolType: "", protocolData: "", members: [] };
          }
        }),
      };
    },
    errorResponse: (request, error) => ({
      groups: request.groups.map((groupId) => ({ errorCode: error.code, groupId, groupState: "", protocolType: "", protocolData: "", members: [] })),
    }),
  });
}
