import { ApiKey, decodeHeartbeatRequest, encodeHeartbeatResponse, type HeartbeatRequest, type HeartbeatResponseInput } from "@skein/protocol";
import { GroupAuthorizationFailedError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { errorCode } from "../../error-codes.js";

/** Heartbeat: keeps a member alive; REBALANCE_IN_PROGRESS tells it to rejoin. */
export function heartbeatApi(services: BrokerServices) {
  return defineApi<HeartbeatRequest, HeartbeatResponseInput>({
    apiKey: ApiKey.Heartbeat,
    minVersion: 0,
    maxVersion: 4,
    decode: decodeHeartbeatRequest,
    encode: encodeHeartbeatResponse,
    handle(request, context) {
      if (!services.auth.authorize(context, "READ", "GROUP", request.groupId)) return { throttleTimeMs: 0, errorCode: new GroupAuthorizationFailedError().code };
      try {
        services.groups.heartbeat({ groupId: request.groupId, generationId: request.generationId, memberId: request.memberId, groupInstanceId: request.groupInstanceId });
        return { throttleTimeMs: 0, errorCode: 0 };
      } catch (error) {
        return { throttleTimeMs: 0, errorCode: errorCode(error) };
      }
    },
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code }),
  });
}
