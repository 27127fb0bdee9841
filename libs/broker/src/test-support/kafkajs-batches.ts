import { createRequire } from "node:module";

/**
 * RecordBatches exactly as kafkajs 2.2.4 puts them in a Produce request (its `requests/produce/v3` code path, with
 * kafkajs-snappy registered for snappy): a third-party encoder for validator and codec tests.
 */
const require = createRequire(import.meta.url);
const { RecordBatch } = require("kafkajs/src/protocol/recordBatch/v0");
const Record = require("kafkajs/src/protocol/recordBatch/record/v0");
const compression = require("kafkajs/src/protocol/message/compression");
const Long = require("kafkajs/src/utils/long");
const KafkajsDecoder = require("kafkajs/src/protocol/decoder");
const decodeKafkajsBatch = require("kafkajs/src/protocol/recordBatch/v0/decoder");
compression.Codecs[compression.Types.Snappy] = require("kafkajs-snappy");

export const KAFKAJS_CODECS = { none: 0, gzip: 1, snappy: 2 } as const;

export interface KafkajsMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  timestamp?: number;
  headers?: Record<string, Buffer | string>;
}

export interface KafkajsBatchOptions {
  compression?: keyof typeof KAFKAJS_CODECS;
  producerId?: number;
  producerEpoch?: number;
  firstSequence?: number;
  transactional?: boolean;
  now?: number;
}

/** The `records` bytes kafkajs sends for one partition. */
export async function kafkajsBatch(messages: KafkajsMessage[], options: KafkajsBatchOptions = {}): Promise<Buffer> {
  const now = options.now ?? Date.now();
  const timestamps = messages.map((m) => m.timestamp).filter((t): t is number => t != null);
  const firstTimestamp = timestamps.length === 0 ? now : Math.min(...timestamps);
  const maxTimestamp = timestamps.length === 0 ? now : Math.max(...timestamps);
  const records = messages.map((message, i) =>
    Record({ ...message, offsetDelta: i, timestampDelta: (message.timestamp ?? now) - firstTimestamp }),
  );
  const batch = await RecordBatch({
    compression: KAFKAJS_CODECS[options.compression ?? "none"],
    records,
    firstTimestamp,
    maxTimestamp,
    producerId: Long.fromValue(options.producerId ?? -1),
    producerEpoch: options.producerEpoch ?? 0,
    firstSequence: options.firstSequence ?? 0,
    transactional: options.transactional ?? false,
    lastOffsetDelta: records.length - 1,
  });
  return Buffer.from(batch.buffer);
}

/** kafkajs's own reading of a batch (its consumer's decoder). */
export async function kafkajsDecode(batch: Buffer): Promise<{
  firstOffset: string;
  records: { offset: string; key: Buffer | null; value: Buffer | null; timestamp: string; headers: Record<string, Buffer> }[];
}> {
  return decodeKafkajsBatch(new KafkajsDecoder(batch));
}
