import { ApiKey, decodeJoinGroupRequest, encodeJoinGroupResponse, type JoinGroupRequest, type JoinGroupResponseInput } from "@skein/protocol";
import { MemberIdRequired } from "../../../group/consumer-group.js";
import { GroupAuthorizationFailedError, type KafkaError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";

/**
 * JoinGroup on the group coordinator: the same groups REST, WebSocket and the console see. From v4 a new member is
 * first given its id with MEMBER_ID_REQUIRED (KIP-394) and joins again with it.
 */
export function joinGroupApi(services: BrokerServices) {
  const { groups } = services;

  function failure(request: JoinGroupRequest, error: KafkaError, version: number): JoinGroupResponseInput {
    return {
      throttleTimeMs: 0,
      errorCode: error.code,
      generationId: -1,
      protocolType: null,
      protocolName: version >= 7 ? null : "",
      leader: "",
      memberId: error instanceof MemberIdRequired ? error.memberId : request.memberId,
      members: [],
    };
  }

  return defineApi<JoinGroupRequest, JoinGroupResponseInput>({
    apiKey: ApiKey.JoinGroup,
    minVersion: 0,
    maxVersion: 9,
    decode: decodeJoinGroupRequest,
    encode: encodeJoinGroupResponse,
    async handle(request, context) {
      const version = context.apiVersion;
      if (!services.auth.authorize(context, "READ", "GROUP", request.groupId)) return failure(request, new GroupAuthorizationFailedError(), version);
      try {
        const joined = await groups.joinGroup({
          groupId: request.groupId,
          memberId: request.memberId,
          groupInstanceId: request.groupInstanceId,
          clientId: context.clientId,
          clientHost: context.clientHost,
          protocolType: request.protocolType,
          protocols: request.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) })),
          sessionTimeoutMs: request.sessionTimeoutMs,
          rebalanceTimeoutMs: version >= 1 ? request.rebalanceTimeoutMs : request.sessionTimeoutMs,
          requireKnownMemberId: version >= 4,
        });
        return {
          throttleTimeMs: 0,
          errorCode: 0,
          generationId: joined.generationId,
          protocolType: version >= 7 ? joined.protocolType : null,
          protocolName: joined.protocolName ?? (version >= 7 ? null : ""),
          leader: joined.leader,
          memberId: joined.memberId,
          members: joined.members.map((m) => ({ memberId: m.memberId, groupInstanceId: version >= 5 ? m.groupInstanceId : null, metadata: m.metadata })),
        };
      } catch (error) {
        return failure(request, toKafkaError(error), version);
      }
    },
    errorResponse: (request, error, context) => failure(request, error, context.apiVersion),
  });
}
