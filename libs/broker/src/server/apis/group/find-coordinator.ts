import { ApiKey, decodeFindCoordinatorRequest, encodeFindCoordinatorResponse, type FindCoordinatorRequest, type FindCoordinatorResponseInput } from "@skein/protocol";
import { CoordinatorNotAvailableError, GroupAuthorizationFailedError, InvalidRequestError, TransactionalIdAuthorizationFailedError, type KafkaError } from "../../../errors.js";
import { OFFSETS_TOPIC } from "../../../group/offsets-topic.js";
import type { RequestContext } from "../../request-context.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";

const GROUP_KEY = 0;
const TRANSACTION_KEY = 1;

/**
 * FindCoordinator: the broker coordinating a group (key type 0) — the leader of the group's `__consumer_offsets`
 * partition — or a transactional id (key type 1) — the leader of its `__transaction_state` partition; on one broker,
 * this one. In a cluster, groups are found at their partition's leader; transactions are not offered yet
 * (COORDINATOR_NOT_AVAILABLE). v0–3 ask for one key; v4+ batch them.
 */
export function findCoordinatorApi(services: BrokerServices) {
  const { cluster, broker, groups } = services;

  function coordinatorOf(key: string, keyType: number, context: RequestContext): { nodeId: number; host: string; port: number; error: KafkaError | null } {
    if (keyType !== GROUP_KEY && keyType !== TRANSACTION_KEY) return { nodeId: -1, host: "", port: -1, error: new InvalidRequestError(`Unknown coordinator key type ${keyType}.`) };
    if (key.length === 0) return { nodeId: -1, host: "", port: -1, error: new InvalidRequestError(`The ${keyType === GROUP_KEY ? "group id" : "transactional id"} must not be empty.`) };
    // Kafka: DESCRIBE on the group, or on the transactional id.
    if (keyType === GROUP_KEY && !services.auth.authorize(context, "DESCRIBE", "GROUP", key)) return { nodeId: -1, host: "", port: -1, error: new GroupAuthorizationFailedError() };
    if (keyType === TRANSACTION_KEY && !services.auth.authorize(context, "DESCRIBE", "TRANSACTIONAL_ID", key)) return { nodeId: -1, host: "", port: -1, error: new TransactionalIdAuthorizationFailedError() };
    if (!broker.clusterView) {
      const self = cluster.liveBrokers(context.connection.listenerName).find((b) => b.nodeId === cluster.localBrokerId)!;
      return { nodeId: self.nodeId, host: self.host, port: self.port, error: null };
    }
    // A cluster: the leader of the group's __consumer_offsets partition. Transactions are one broker's only, so far.
    if (keyType === TRANSACTION_KEY) return { nodeId: -1, host: "", port: -1, error: new CoordinatorNotAvailableError("Transactions are not supported across several brokers yet.") };
    const partition = groups.partitionFor(key);
    const leader = broker.findTopic(OFFSETS_TOPIC)?.partitions[partition]?.leader ?? -1;
    const found = cluster.liveBrokers(context.connection.listenerName).find((b) => b.nodeId === leader);
    if (!found) return { nodeId: -1, host: "", port: -1, error: new CoordinatorNotAvailableError(`The coordinator of group ${key} (${OFFSETS_TOPIC}-${partition}) has no live leader.`) };
    return { nodeId: found.nodeId, host: found.host, port: found.port, error: null };
  }

  return defineApi<FindCoordinatorRequest, FindCoordinatorResponseInput>({
    apiKey: ApiKey.FindCoordinator,
    minVersion: 0,
    maxVersion: 4,
    decode: decodeFindCoordinatorRequest,
    encode: encodeFindCoordinatorResponse,
    async handle(request, context) {
      const keys = context.apiVersion < 4 ? [{ key: request.key, keyType: request.keyType }] : request.coordinatorKeys.map((key) => ({ key, keyType: request.keyType }));
      // Kafka creates __transaction_state when a client first looks for a transaction coordinator.
      let unavailable: KafkaError | null = null;
      if (!broker.clusterView && keys.some((k) => k.keyType === TRANSACTION_KEY && k.key.length > 0)) {
        unavailable = await services.transactions.ensureStateTopic().then(
          () => null,
          (err: unknown) => new CoordinatorNotAvailableError(`__transaction_state could not be created: ${(err as Error).message}`),
        );
      }
      const coordinatorFor = (key: string, keyType: number, context: RequestContext) =>
        keyType === TRANSACTION_KEY && unavailable && key.length > 0 ? { nodeId: -1, host: "", port: -1, error: unavailable } : coordinatorOf(key, keyType, context);
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
