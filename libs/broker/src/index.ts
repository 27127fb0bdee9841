/** Skein's engine: what applications may import. */
export { Broker, type BrokerOptions } from "./broker.js";
export type {
  AppendEvent,
  ConfigChange,
  ConfigEntry,
  ConsumerRecord,
  CreateTopicRequest,
  FetchOptions,
  FetchResult,
  Logger,
  PartitionDescription,
  PartitionOffsets,
  ProduceOptions,
  ProduceRecord,
  ProduceResult,
  TopicDescription,
} from "./broker-types.js";
export { systemClock, type Clock } from "./clock.js";
export * from "./errors.js";
export type { ClusterMetadata, MetadataStore, TopicMetadata } from "./cluster/metadata-store.js";
export { FileMetadataStore } from "./cluster/file-metadata-store.js";
export { murmur2, toPositive } from "./cluster/murmur2.js";
export { partitionForKey } from "./cluster/partitioner.js";
export { isInternalTopic, validateTopicName } from "./cluster/topic-name.js";
export type { Acks } from "./storage/log.js";
export type { LogRecord, RecordHeader, RecordInput, TimestampType } from "./storage/record.js";
export type { SegmentInfo } from "./storage/segment.js";
export { decodeBatches, encodeRecordBatch } from "./storage/record-batch.js";
