import { ApiKey, decodeSyncGroupRequest, encodeSyncGroupResponse, type SyncGroupRequest, type SyncGroupResponseInput } from "@skein/protocol";
import { GroupAuthorizationFailedError, type KafkaError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";

const EMPTY = Buffer.alloc(0);

/** SyncGroup: the leader hands out the assignments, every member gets its own. */
export function syncGroupApi(services: BrokerServices) {
  const { groups } = services;
  const failure = (error: KafkaError): SyncGroupResponseInput => ({ throttleTimeMs: 0, errorCode: error.code, protocolType: null, protocolName: null, assignment: EMPTY });

  return defineApi<SyncGroupRequest, SyncGroupResponseInput>({
    apiKey: ApiKey.SyncGroup,
    minVersion: 0,
    maxVersion: 5,
    decode: decodeSyncGroupRequest,
    encode: encodeSyncGroupResponse,
    async handle(request, context) {
      if (!services.auth.authorize(context, "READ", "GROUP", request.groupId)) return failure(new GroupAuthorizationFailedError());
      try {
        const synced = await groups.syncGroup({
          groupId: request.groupId,
          generationId: request.generationId,
          memberId: request.memberId,
          groupInstanceId: request.groupInstanceId,
          protocolType: context.apiVersion >= 5 ? request.protocolType : undefined,
          protocolName: context.apiVersion >= 5 ? request.protocolName : undefined,
          assignments: request.assignments.map((a) => ({ memberId: a.memberId, assignment: Buffer.from(a.assignment) })),
        });
        return {
          throttleTimeMs: 0,
          errorCode: 0,
          protocolType: context.apiVersion >= 5 ? synced.protocolType : null,
          protocolName: context.apiVersion >= 5 ? synced.protocolName : null,
          assignment: synced.assignment,
        };
      } catch (error) {
        return failure(toKafkaError(error));
      }
    },
    errorResponse: (_request, error) => failure(error),
  });
}
