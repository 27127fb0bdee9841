import { ApiKey, decodeLeaveGroupRequest, encodeLeaveGroupResponse, type LeaveGroupRequest, type LeaveGroupResponseInput } from "@skein/protocol";
import { GroupAuthorizationFailedError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { errorCode } from "../../error-codes.js";

/** LeaveGroup: v0–2 name one member; v3+ batch members (KIP-345), each with its own error. */
export function leaveGroupApi(services: BrokerServices) {
  return defineApi<LeaveGroupRequest, LeaveGroupResponseInput>({
    apiKey: ApiKey.LeaveGroup,
    minVersion: 0,
    maxVersion: 5,
    decode: decodeLeaveGroupRequest,
    encode: encodeLeaveGroupResponse,
    handle(request, context) {
      if (!services.auth.authorize(context, "READ", "GROUP", request.groupId)) return { throttleTimeMs: 0, errorCode: new GroupAuthorizationFailedError().code, members: [] };
      const batched = context.apiVersion >= 3;
      const members = batched ? request.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId })) : [{ memberId: request.memberId }];
      try {
        const results = services.groups.leaveGroup({ groupId: request.groupId, members });
        if (!batched) return { throttleTimeMs: 0, errorCode: errorCode(results[0]?.error ?? null), members: [] };
        return {
          throttleTimeMs: 0,
          errorCode: 0,
          members: results.map((r) => ({ memberId: r.memberId, groupInstanceId: r.groupInstanceId, errorCode: errorCode(r.error) })),
        };
      } catch (error) {
        return { throttleTimeMs: 0, errorCode: errorCode(error), members: [] };
      }
    },
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code, members: [] }),
  });
}
