/** Skein's engine: what applications may import. */
export { Broker, type BrokerAddresses, type BrokerOptions } from "./broker.js";
export { AppendNotifier } from "./append-notifier.js";
export { KafkaListener, type KafkaListenerOptions, type RunningListener } from "./server/kafka-listener.js";
export { ListenerConfigError, listenerConfigs, type DefaultListener, type ListenerConfig, type ListenerTls } from "./server/listener-config.js";
export type { SecurityProtocol } from "./server/connection.js";
export type { KafkaRequestEvent } from "./server/kafka-apis.js";
export type {
  AppendEvent,
  ConfigChange,
  ConfigEntry,
  ConsumerRecord,
  CorruptRange,
  CreateTopicRequest,
  FetchBatchesResult,
  FetchEvent,
  FetchOptions,
  FetchResult,
  Logger,
  LogDirState,
  LogDirStatus,
  OfflinePartition,
  ReplicationStatus,
  PartitionDescription,
  PartitionOffsets,
  PartitionProducer,
  ProduceOptions,
  ProduceRecord,
  ProduceResult,
  ScrubberState,
  TopicDeletion,
  TopicDescription,
} from "./broker-types.js";
export { systemClock, type Clock } from "./clock.js";
export * from "./errors.js";
export type { ClusterMetadata, MetadataStore, TopicMetadata } from "./cluster/metadata-store.js";
// broker configs, for whoever reads server.properties
export { BrokerConfig } from "./cluster/config/broker-config.js";
export { BROKER_CONFIG_DEFS, isBrokerConfigName, type BrokerConfigName } from "./cluster/config/broker-config-defs.js";
export { FileMetadataStore } from "./cluster/file-metadata-store.js";
export { murmur2, toPositive } from "./cluster/murmur2.js";
export { partitionForKey } from "./cluster/partitioner.js";
export { isInternalTopic, validateTopicName } from "./cluster/topic-name.js";
export type { Acks, IsolationLevel, LogReadResult } from "./storage/log.js";
export type { ScrubPass } from "./storage/log-scrubber.js";
export type { LogRecord, RecordHeader, RecordInput, TimestampType } from "./storage/record.js";
export type { SegmentInfo } from "./storage/segment.js";
export { decodeBatches, encodeRecordBatch } from "./storage/record-batch.js";
export { recordHeaders, recordKey, recordPayloadBytes, recordValue, visitRecords, type RecordView } from "./storage/record-view.js";
// log cleaner
export { LogCleaner, type LogCleanerOptions } from "./cleaner/log-cleaner.js";
export { CLEANER_OFFSET_CHECKPOINT, type CleaningTrigger, type LogCleanerState, type LogCleaningRun, type NotCleanedCode } from "./cleaner/log-cleaner-manager.js";
export type { CleaningStats } from "./cleaner/cleaner.js";
// records from Kafka clients: codecs, validation, idempotent producers
export type { AppendRecordBatchesOptions, AppendRecordBatchesResult, ReadRecordBatchesResult } from "./broker-types.js";
export { compressionTypeOf, decodeBatchRecords } from "./storage/record-batch.js";
export { compressionId, compressionTypeForId, type CompressionType } from "./storage/compression/index.js";
// consumer groups
export {
  GroupCoordinator,
  type ConsumerJoinRequest,
  type ConsumerJoinResult,
  type GroupCoordinatorOptions,
  type GroupStateChange,
} from "./group/group-coordinator.js";
export { MemberIdRequired } from "./group/consumer-group.js";
export { UNKNOWN_MEMBER_ID } from "./group/group-types.js";
export type {
  CommittedOffset,
  GroupDescription,
  GroupListing,
  GroupMemberDescription,
  GroupProtocol,
  GroupState,
  HeartbeatRequest,
  JoinGroupMember,
  JoinGroupRequest,
  JoinGroupResult,
  LeaveGroupMemberResult,
  LeaveGroupRequest,
  OffsetCommitPartition,
  OffsetCommitPartitionResult,
  OffsetCommitRequest,
  OffsetFetchPartition,
  SyncGroupRequest,
  SyncGroupResult,
} from "./group/group-types.js";
export {
  CONSUMER_PROTOCOL_TYPE,
  decodeAssignment,
  decodeSubscription,
  encodeAssignment,
  encodeSubscription,
  type ConsumerAssignment,
  type ConsumerSubscription,
  type TopicPartitions,
} from "./group/consumer-protocol.js";
export {
  DEFAULT_ASSIGNOR,
  RangeAssignor,
  RoundRobinAssignor,
  StickyAssignor,
  isServerAssignorName,
  serverAssignor,
  type AssignorMember,
  type PartitionAssignor,
  type ServerAssignorName,
} from "./group/assignors/index.js";
export { describeGroupLag, type GroupLag, type PartitionLag, type TopicLag } from "./group/lag.js";
export { resetOffsets, type OffsetResetPlanEntry, type OffsetResetRequest, type OffsetResetStrategy } from "./group/offset-reset.js";
export { NoOffsetForPartitionError, resolveStartOffset, type AutoOffsetReset } from "./group/start-offset.js";
export { offsetsPartitionFor, javaStringHashCode } from "./group/offsets-partition.js";
// transactions
export {
  TransactionCoordinator,
  type ListTransactionsFilter,
  type TransactionCoordinatorOptions,
  type TransactionDescription,
} from "./txn/transaction-coordinator.js";
export type { TransactionState } from "./txn/transaction-state.js";
export type { TxnPartition } from "./txn/transaction-metadata.js";
export type { TxnMetadata as OpenTransaction } from "./storage/producer/producer-append-info.js";
export { TRANSACTION_STATE_TOPIC } from "./txn/transaction-state-topic.js";
export { OFFSETS_TOPIC } from "./group/offsets-topic.js";
// the cluster: metadata in etcd
export {
  StaleMetadataError,
  type BrokerRegistration,
  type BrokerSession,
  type ClusterChange,
  type ClusterMetadataStore,
  type ClusterSnapshot,
  type ControllerFence,
  type ControllerRegistration,
  type PartitionRegistration,
  type VersionedPartition,
} from "./cluster/cluster-metadata-store.js";
export { applyChange, emptySnapshot } from "./cluster/cluster-snapshot.js";
export { EtcdClusterStore, type EtcdClusterStoreOptions } from "./cluster/etcd/etcd-cluster-store.js";
export { ClusterMember } from "./cluster/cluster-member.js";
export type { BrokerEndpoint, ClusterView } from "./server/cluster-view.js";
// security: principals, Kafka's ACLs and authorizer, SCRAM credentials, client quotas, the audit log
export * from "./security/index.js";
