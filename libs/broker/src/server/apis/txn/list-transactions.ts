import { ApiKey, decodeListTransactionsRequest, encodeListTransactionsResponse, type ListTransactionsRequest, type ListTransactionsResponseInput } from "@skein/protocol";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";

/**
 * ListTransactions (KIP-664): the transactions this coordinator knows, filtered by state names, producer ids and
 * (v1, KIP-994) how long they have been open; state names that are not Kafka's come back as unknown filters.
 */
export function listTransactionsApi(services: BrokerServices) {
  return defineApi<ListTransactionsRequest, ListTransactionsResponseInput>({
    apiKey: ApiKey.ListTransactions,
    minVersion: 0,
    maxVersion: 1,
    decode: decodeListTransactionsRequest,
    encode: encodeListTransactionsResponse,
    handle(request, context) {
      const { transactions, unknownStateFilters } = services.transactions.listTransactions({
        states: request.stateFilters,
        producerIds: request.producerIdFilters,
        durationFilterMs: context.apiVersion >= 1 ? request.durationFilter : -1,
      });
      return {
        throttleTimeMs: 0,
        errorCode: 0,
        unknownStateFilters,
        // Only the transactional ids the principal may DESCRIBE, as Kafka lists them.
        transactionStates: transactions.filter((t) => services.auth.authorize(context, "DESCRIBE", "TRANSACTIONAL_ID", t.transactionalId, { logIfDenied: false })).map((t) => ({ transactionalId: t.transactionalId, producerId: t.producerId, transactionState: t.state })),
      };
    },
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code, unknownStateFilters: [], transactionStates: [] }),
  });
}
