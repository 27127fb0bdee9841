import { ApiKey, decodeFindCoordinatorRequest, encodeFindCoordinatorResponse, type FindCoordinatorRequest, type FindCoordinatorResponseInput } from "@skein/protocol";
import { CoordinatorNotAvailableError, GroupAuthorizationFailedError, InvalidRequestError, type KafkaError } from "../../../errors.js";
import type { RequestContext } from "../../request-context.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";

const GROUP_KEY = 0;

/**
 * FindCoordinator: the broker coordinating a group (key type 0) — the leader of the group's `__consumer_offsets`
 * partition, which on one broker is this one. Transaction coordinators (key type 1) come with transactions.
 * v0–3 ask for one key; v4+ batch them.
 */
export function findCoordinatorApi(services: BrokerServices) {
  const { cluster } = services;

  function coordinatorFor(key: string, keyType: number, context: RequestContext): { nodeId: number; host: string; port: number; error: KafkaError | null } {
    if (keyType !== GROUP_KEY) {
      const error = keyType === 1 ? new CoordinatorNotAvailableError("Skein has no transaction coordinator yet.") : new InvalidRequestError(`Unknown coordinator key type ${keyType}.`);
      return { nodeId: -1, host: "", port: -1, error };
    }
    if (key.length === 0) return { nodeId: -1, host: "", port: -1, error: new InvalidRequestError("The group id must not be empty.") };
    if (!services.auth.authorize(context, "DESCRIBE", "GROUP", key)) return { nodeId: -1, host: "", port: -1, error: new GroupAuthorizationFailedError() };
    const self = cluster.liveBrokers(context.connection.listenerName).find((b) => b.nodeId === cluster.localBrokerId)!;
    return { nodeId: self.nodeId, host: self.host, port: self.port, error: null };
  }

  return defineApi<FindCoordinatorRequest, FindCoordinatorResponseInput>({
    apiKey: ApiKey.FindCoordinator,
    minVersion: 0,
    maxVersion: 4,
    decode: decodeFindCoordinatorRequest,
    encode: encodeFindCoordinatorResponse,
    handle(request, context) {
      if (context.apiVersion < 4) {
        const found = coordinatorFor(request.key, request.keyType, context);
        return {
          throttleTimeMs: 0,
          errorCode: found.error?.code ?? 0,
          errorMessage: context.apiVersion >= 1 ? (found.error?.message ?? null) : null,
          nodeId: found.nodeId,
          host: found.host,
          port: found.port,
        };
      }
      return {
        throttleTimeMs: 0,
        coordinators: request.coordinatorKeys.map((key) => {
          const found = coordinatorFor(key, request.keyType, context);
          return { key, nodeId: found.nodeId, host: found.host, port: found.port, errorCode: found.error?.code ?? 0, errorMessage: found.error?.message ?? null };
        }),
      };
    },
    errorResponse: (request, error, context) =>
      context.apiVersion < 4
        ? { errorCode: error.code, errorMessage: context.apiVersion >= 1 ? error.message : null, nodeId: -1, host: "", port: -1 }
        : { coordinators: request.coordinatorKeys.map((key) => ({ key, nodeId: -1, host: "", port: -1, errorCode: error.code, errorMessage: error.message })) },
  });
}
