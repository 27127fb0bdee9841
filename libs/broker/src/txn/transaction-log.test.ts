import { describe, expect, it } from "vitest";
import { decodeTransactionLogKey, decodeTransactionLogValue, encodeTransactionLogKey, encodeTransactionLogValue, type TransactionLogValue } from "./transaction-log.js";

// Bytes written by Kafka 4.4's own classes (org.apache.kafka.coordinator.transaction.generated.TransactionLogKey and
// TransactionLogValue through MessageUtil.toVersionPrefixedBytes), for the same values.
const KAFKA_KEY = "000000056170702d31";
const KAFKA_ONGOING_V0 =
  "0000000000000000109200030000ea60010000000200066f726465727300000002000000000000000200125f5f636f6e73756d65725f6f66667365747300000001000000110000018bcfe5687b0000018bcfe56800";
const KAFKA_ONGOING_V1 =
  "0001000000000000109200030000ea600103076f726465727303000000000000000200135f5f636f6e73756d65725f6f6666736574730200000011000000018bcfe5687b0000018bcfe568000300080000000000000fa00202000203020005";
const KAFKA_EMPTY_V0 = "000000000000000000070000000dbba000ffffffff0000000000000005ffffffffffffffff";

const ongoing: TransactionLogValue = {
  producerId: 4242,
  previousProducerId: -1,
  nextProducerId: -1,
  producerEpoch: 3,
  transactionTimeoutMs: 60000,
  transactionStatus: 1,
  transactionPartitions: [
    { topic: "orders", partitionIds: [0, 2] },
    { topic: "__consumer_offsets", partitionIds: [17] },
  ],
  transactionLastUpdateTimestampMs: 1700000000123,
  transactionStartTimestampMs: 1700000000000,
  clientTransactionVersion: 0,
};

describe("__transaction_state records", () => {
  it("are written byte for byte as Kafka writes them", () => {
    expect(encodeTransactionLogKey("app-1").toString("hex")).toBe(KAFKA_KEY);
    expect(encodeTransactionLogValue(ongoing).toString("hex")).toBe(KAFKA_ONGOING_V0);
    const empty = { ...ongoing, producerId: 7, producerEpoch: 0, transactionTimeoutMs: 900000, transactionStatus: 0, transactionPartitions: null, transactionLastUpdateTimestampMs: 5, transactionStartTimestampMs: -1 };
    expect(encodeTransactionLogValue(empty).toString("hex")).toBe(KAFKA_EMPTY_V0);
  });

  it("read Kafka's versions 0 and 1, tagged fields included (an unknown tag is skipped)", () => {
    expect(decodeTransactionLogKey(Buffer.from(KAFKA_KEY, "hex"))).toEqual({ type: "transaction", transactionalId: "app-1" });
    expect(decodeTransactionLogKey(Buffer.from("0005", "hex"))).toEqual({ type: "unknown", version: 5 });
    expect(decodeTransactionLogValue(Buffer.from(KAFKA_ONGOING_V0, "hex"))).toEqual(ongoing);
    // Version 1 carries PreviousProducerId 4000, ClientTransactionVersion 2 and (Kafka 4.4's tag 3) NextProducerEpoch 5.
    expect(decodeTransactionLogValue(Buffer.from(KAFKA_ONGOING_V1, "hex"))).toEqual({ ...ongoing, previousProducerId: 4000, clientTransactionVersion: 2 });
    const v1 = encodeTransactionLogValue({ ...ongoing, previousProducerId: 4000, clientTransactionVersion: 2 }, 1);
    expect(decodeTransactionLogValue(v1)).toEqual({ ...ongoing, previousProducerId: 4000, clientTransactionVersion: 2 });
  });

  it("refuse bytes that are not a value of a known version", () => {
    expect(() => decodeTransactionLogValue(Buffer.from("0002", "hex"))).toThrow("Unknown TransactionLogValue version 2");
    expect(() => decodeTransactionLogValue(Buffer.from(KAFKA_ONGOING_V0.slice(0, 40), "hex"))).toThrow(/Malformed TransactionLogValue/);
  });
});
