import { TransactionalIdAuthorizationFailedError } from "../../../errors.js";
import { ApiKey, decodeEndTxnRequest, encodeEndTxnResponse, type EndTxnRequest, type EndTxnResponseInput } from "@skein/protocol";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { errorForVersion } from "./txn-errors.js";

/**
 * EndTxn: commits or aborts the producer's transaction (answered once PrepareCommit/PrepareAbort is logged; the
 * markers follow). v5, where every transaction bumps the epoch (KIP-890 part 2), is not served: clients then use
 * the epoch they have. PRODUCER_FENCED reads INVALID_PRODUCER_EPOCH before v2, TRANSACTION_ABORTABLE reads
 * INVALID_TXN_STATE before v4.
 */
export function endTxnApi(services: BrokerServices) {
  return defineApi<EndTxnRequest, EndTxnResponseInput>({
    apiKey: ApiKey.EndTxn,
    minVersion: 0,
    maxVersion: 4,
    decode: decodeEndTxnRequest,
    encode: encodeEndTxnResponse,
    async handle(request, context) {
      if (!services.auth.authorize(context, "WRITE", "TRANSACTIONAL_ID", request.transactionalId)) {
        return { throttleTimeMs: 0, errorCode: new TransactionalIdAuthorizationFailedError().code, producerId: -1, producerEpoch: -1 };
      }
      try {
        await services.transactions.endTxn(request.transactionalId, request.producerId, request.producerEpoch, request.committed);
        return { throttleTimeMs: 0, errorCode: 0, producerId: -1, producerEpoch: -1 };
      } catch (error) {
        return { throttleTimeMs: 0, errorCode: errorForVersion(toKafkaError(error), context.apiVersion, 2, 4).code, producerId: -1, producerEpoch: -1 };
      }
    },
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code, producerId: -1, producerEpoch: -1 }),
  });
}
