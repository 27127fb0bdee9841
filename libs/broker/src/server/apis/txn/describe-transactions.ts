import { TransactionalIdAuthorizationFailedError } from "../../../errors.js";
import { ApiKey, decodeDescribeTransactionsRequest, encodeDescribeTransactionsResponse, type DescribeTransactionsRequest, type DescribeTransactionsResponseInput } from "@skein/protocol";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";

/**
 * DescribeTransactions (KIP-664): each transactional id's state at its coordinator — state, producer id and epoch,
 * timeout, start time and partitions; TRANSACTIONAL_ID_NOT_FOUND for an id the coordinator does not know.
 */
export function describeTransactionsApi(services: BrokerServices) {
  const failure = (transactionalId: string, errorCode: number) => ({
    errorCode,
    transactionalId,
    transactionState: "",
    transactionTimeoutMs: 0,
    transactionStartTimeMs: -1,
    producerId: -1,
    producerEpoch: -1,
    topics: [],
  });

  return defineApi<DescribeTransactionsRequest, DescribeTransactionsResponseInput>({
    apiKey: ApiKey.DescribeTransactions,
    minVersion: 0,
    maxVersion: 0,
    decode: decodeDescribeTransactionsRequest,
    encode: encodeDescribeTransactionsResponse,
    handle(request, context) {
      return {
        throttleTimeMs: 0,
        transactionStates: request.transactionalIds.map((transactionalId) => {
          try {
            if (!services.auth.authorize(context, "DESCRIBE", "TRANSACTIONAL_ID", transactionalId)) throw new TransactionalIdAuthorizationFailedError();
            const t = services.transactions.describeTransaction(transactionalId);
            const byTopic = new Map<string, number[]>();
            for (const p of t.partitions) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
            return {
              errorCode: 0,
              transactionalId,
              transactionState: t.state,
              transactionTimeoutMs: t.transactionTimeoutMs,
              transactionStartTimeMs: t.transactionStartTimeMs,
              producerId: t.producerId,
              producerEpoch: t.producerEpoch,
              // Topics the principal may not DESCRIBE are left out, as Kafka does.
              topics: [...byTopic].filter(([topic]) => services.auth.authorize(context, "DESCRIBE", "TOPIC", topic, { logIfDenied: false })).map(([topic, partitions]) => ({ topic, partitions })),
            };
          } catch (error) {
            return failure(transactionalId, toKafkaError(error).code);
          }
        }),
      };
    },
    errorResponse: (request, error) => ({ throttleTimeMs: 0, transactionStates: request.transactionalIds.map((id) => failure(id, error.code)) }),
  });
}
