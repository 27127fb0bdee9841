import { ApiKey, decodeAddOffsetsToTxnRequest, encodeAddOffsetsToTxnResponse, type AddOffsetsToTxnRequest, type AddOffsetsToTxnResponseInput } from "@skein/protocol";
import { GROUP_METADATA_TOPIC_NAME } from "../../../cluster/topic-name.js";
import { GroupAuthorizationFailedError, InvalidGroupIdError, TransactionalIdAuthorizationFailedError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { errorForVersion } from "./txn-errors.js";

/**
 * AddOffsetsToTxn: adds the group's `__consumer_offsets` partition to the transaction, so that TxnOffsetCommit may
 * write there and the transaction's marker reaches it. PRODUCER_FENCED reads INVALID_PRODUCER_EPOCH before v2,
 * TRANSACTION_ABORTABLE reads INVALID_TXN_STATE before v4.
 */
export function addOffsetsToTxnApi(services: BrokerServices) {
  return defineApi<AddOffsetsToTxnRequest, AddOffsetsToTxnResponseInput>({
    apiKey: ApiKey.AddOffsetsToTxn,
    minVersion: 0,
    maxVersion: 4,
    decode: decodeAddOffsetsToTxnRequest,
    encode: encodeAddOffsetsToTxnResponse,
    async handle(request, context) {
      if (!services.auth.authorize(context, "WRITE", "TRANSACTIONAL_ID", request.transactionalId)) return { throttleTimeMs: 0, errorCode: new TransactionalIdAuthorizationFailedError().code };
      if (!services.auth.authorize(context, "READ", "GROUP", request.groupId)) return { throttleTimeMs: 0, errorCode: new GroupAuthorizationFailedError().code };
      try {
        if (!request.groupId) throw new InvalidGroupIdError("The group id must be a non-empty string.");
        const partition = { topic: GROUP_METADATA_TOPIC_NAME, partition: services.groups.partitionFor(request.groupId) };
        await services.transactions.addPartitionsToTxn(request.transactionalId, request.producerId, request.producerEpoch, [partition]);
        return { throttleTimeMs: 0, errorCode: 0 };
      } catch (error) {
        return { throttleTimeMs: 0, errorCode: errorForVersion(toKafkaError(error), context.apiVersion, 2, 4).code };
      }
    },
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code }),
  });
}
