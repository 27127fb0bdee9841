import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { IsDefined, IsInt, Min } from "class-validator";
import { RelationshipDto, ResourceCollectionMetadataDto, ResourceMetadataDto } from "../common/v3-resource.dto.js";

/** Confluent's partition resources and Skein's partition storage extensions, for the OpenAPI document. */

class PartitionIdentityDto {
  @ApiProperty()
  metadata!: ResourceMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty()
  topic_name!: string;

  @ApiProperty()
  partition_id!: number;
}

export class PartitionDataDto extends PartitionIdentityDto {
  @ApiProperty({ example: "KafkaPartition" })
  kind!: string;

  @ApiProperty({ type: RelationshipDto, nullable: true, description: "The leader's replica" })
  leader!: RelationshipDto | null;

  @ApiProperty()
  replicas!: RelationshipDto;

  @ApiProperty()
  reassignment!: RelationshipDto;
}

export class PartitionDataListDto {
  @ApiProperty({ example: "KafkaPartitionList" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [PartitionDataDto] })
  data!: PartitionDataDto[];
}

export class PartitionWithOffsetsDto extends PartitionIdentityDto {
  @ApiProperty({ example: "KafkaPartitionWithOffsets" })
  kind!: string;

  @ApiProperty({ description: "The log start offset" })
  earliest_offset!: number;

  @ApiProperty({ description: "The high watermark: the offset the next record gets" })
  latest_offset!: number;
}

export class SegmentDto extends PartitionIdentityDto {
  @ApiProperty({ example: "SkeinSegment" })
  kind!: string;

  @ApiProperty()
  base_offset!: number;

  @ApiProperty({ type: Number, nullable: true, description: "Null for an empty segment" })
  last_offset!: number | null;

  @ApiProperty()
  size_bytes!: number;

  @ApiProperty({ type: Number, nullable: true })
  first_timestamp!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  max_timestamp!: number | null;

  @ApiProperty({ description: "The segment being appended to" })
  active!: boolean;
}

export class SegmentListDto {
  @ApiProperty({ example: "SkeinSegmentList" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [SegmentDto] })
  data!: SegmentDto[];
}

export class PartitionLogDto extends PartitionIdentityDto {
  @ApiProperty({ example: "SkeinPartitionLog" })
  kind!: string;

  @ApiProperty()
  log_start_offset!: number;

  @ApiProperty()
  log_end_offset!: number;

  @ApiProperty()
  high_watermark!: number;

  @ApiProperty()
  size_bytes!: number;
}

export class RetentionSegmentDto {
  @ApiProperty()
  base_offset!: number;

  @ApiProperty({ type: Number, nullable: true })
  last_offset!: number | null;

  @ApiProperty()
  size_bytes!: number;

  @ApiProperty({ type: Number, nullable: true })
  max_timestamp!: number | null;

  @ApiProperty({ enum: ["retention.ms", "retention.bytes", "log-start-offset"] })
  reason!: string;
}

export class RetentionDeletionDto extends RetentionSegmentDto {
  @ApiProperty()
  deleted_at!: number;
}

export class PartitionRetentionDto extends PartitionIdentityDto {
  @ApiProperty({ example: "SkeinPartitionRetention" })
  kind!: string;

  @ApiProperty({ type: [RetentionSegmentDto], description: "What the next retention check deletes, and why" })
  due_for_deletion!: RetentionSegmentDto[];

  @ApiProperty({ type: [RetentionDeletionDto] })
  recent_deletions!: RetentionDeletionDto[];

  @ApiProperty({ type: Number, nullable: true })
  last_check_at!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  next_check_at!: number | null;

  @ApiProperty()
  check_interval_ms!: number;
}

export class PartitionCleanerDto extends PartitionIdentityDto {
  @ApiProperty({ example: "SkeinPartitionCleaner" })
  kind!: string;

  @ApiProperty({ description: "cleanup.policy includes compact" })
  compacted!: boolean;

  @ApiProperty({ description: "log.cleaner.enable" })
  cleaner_running!: boolean;

  @ApiProperty({ enum: ["cleaning", "eligible", "idle"] })
  status!: string;

  @ApiProperty()
  dirty_ratio!: number;

  @ApiProperty()
  min_cleanable_dirty_ratio!: number;

  @ApiProperty()
  first_dirty_offset!: number;

  @ApiProperty()
  first_uncleanable_offset!: number;

  @ApiProperty()
  clean_bytes!: number;

  @ApiProperty()
  cleanable_bytes!: number;

  @ApiProperty()
  held_back_bytes!: number;

  @ApiProperty({ type: Number, nullable: true })
  earliest_dirty_timestamp!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  next_tombstone_expiry_at!: number | null;

  @ApiProperty({ nullable: true, type: Object, description: "Why the log is not being cleaned: {code, message}" })
  not_cleaned_reason!: { code: string; message: string } | null;

  @ApiProperty({ nullable: true, type: Object, description: "The last pass: trigger, started_at, ended_at, duration_ms, outcome, error, stats" })
  last_run!: Record<string, unknown> | null;

  @ApiProperty({ type: Object, description: "runs, bytes_reclaimed, records_removed, tombstones_removed" })
  totals!: Record<string, number>;

  @ApiProperty()
  bytes_reclaimed!: number;

  @ApiProperty({ type: Number, nullable: true })
  next_check_at!: number | null;
}

/** `POST .../partitions/{p}/delete-records`. */
export class DeleteRecordsRequestDto {
  @ApiProperty({ example: 42, description: "Records before this offset are deleted; -1 means the high watermark" })
  @IsDefined()
  @IsInt()
  @Min(-1)
  offset!: number;
}

export class DeleteRecordsResultDto extends PartitionIdentityDto {
  @ApiProperty({ example: "SkeinDeleteRecordsResult" })
  kind!: string;

  @ApiProperty({ description: "The partition's new log start offset" })
  log_start_offset!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "Null when the new log start offset is on disk. Otherwise why not yet (the disk is full): readers already cannot read below it, it is " +
      "written as soon as the disk has room, and a restart before then starts the log at the earlier offset again.",
  })
  checkpoint_pending!: string | null;
}

export class RecordPayloadDto {
  @ApiProperty({ description: "Bytes" })
  size!: number;

  @ApiProperty({ description: "Base64" })
  data!: string;
}

export class RecordHeaderDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true, description: "Base64" })
  value!: string | null;
}

export class RecordDto {
  @ApiProperty({ example: "SkeinRecord" })
  kind!: string;

  @ApiProperty()
  partition_id!: number;

  @ApiProperty()
  offset!: number;

  @ApiProperty()
  timestamp!: number;

  @ApiProperty({ enum: ["CreateTime", "LogAppendTime"] })
  timestamp_type!: string;

  @ApiProperty({ type: RecordPayloadDto, nullable: true })
  key!: RecordPayloadDto | null;

  @ApiProperty({ type: RecordPayloadDto, nullable: true })
  value!: RecordPayloadDto | null;

  @ApiProperty({ type: [RecordHeaderDto] })
  headers!: RecordHeaderDto[];
}

export class RecordListDto {
  @ApiProperty({ example: "SkeinRecordList" })
  kind!: string;

  @ApiProperty({ description: "`next`: the same read from next_offset; null once the read's end is reached (the last stable offset, or the high watermark with read_uncommitted)" })
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty()
  topic_name!: string;

  @ApiProperty()
  partition_id!: number;

  @ApiProperty()
  log_start_offset!: number;

  @ApiProperty()
  log_end_offset!: number;

  @ApiProperty()
  high_watermark!: number;

  @ApiProperty({ description: "The last stable offset: below it every transaction is decided; read_committed reads stop here" })
  last_stable_offset!: number;

  @ApiProperty({ enum: ["read_committed", "read_uncommitted"], description: "The read's isolation level" })
  isolation_level!: string;

  @ApiProperty({ description: "Where the next read continues" })
  next_offset!: number;

  @ApiProperty({ type: [RecordDto] })
  data!: RecordDto[];
}

export class RecordsQueryDto {
  @ApiPropertyOptional({ description: "Read from this offset" })
  offset?: string;

  @ApiPropertyOptional({ description: "Read from the first record at or after this time: epoch milliseconds or ISO-8601" })
  timestamp?: string;

  @ApiPropertyOptional({ enum: ["newest"], description: "The newest `limit` records" })
  from?: string;

  @ApiPropertyOptional({ description: "At most this many records (1 to 1000, default 50)" })
  limit?: string;

  @ApiPropertyOptional({ description: "At most about this many bytes of record batches (at least one batch is read)" })
  max_bytes?: string;

  @ApiPropertyOptional({
    enum: ["read_committed", "read_uncommitted"],
    description:
      "read_committed (default): records up to the last stable offset, aborted transactions left out; read_uncommitted: up to the high watermark, " +
      "records of open and aborted transactions included. Transaction markers are never records. Another value is 400 (40002).",
  })
  isolation_level?: string;
}

export class OpenTransactionDto {
  @ApiProperty()
  producer_id!: number;

  @ApiProperty()
  producer_epoch!: number;

  @ApiProperty({ type: String, nullable: true, description: "The transactional id, when this broker's coordinator knows the producer id" })
  transactional_id!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The coordinator's state of that transactional id (Ongoing, PrepareCommit, ...)" })
  coordinator_state!: string | null;

  @ApiProperty({ description: "The offset of the transaction's first record in this partition" })
  first_offset!: number;

  @ApiProperty({ type: String, nullable: true, description: "When the transaction started (the coordinator's start time); null when unknown" })
  started_at!: string | null;

  @ApiProperty({ description: "The timestamp of the producer's last batch in this partition" })
  last_write_at!: string;

  @ApiProperty({ description: "How long it has been open: since started_at, or at least since last_write_at when the start is unknown" })
  open_ms!: number;

  @ApiProperty()
  timeout_ms!: number;

  @ApiProperty({ enum: ["transaction.timeout.ms", "transaction.max.timeout.ms"], description: "The producer's timeout, or the broker's maximum when the producer is unknown" })
  timeout_source!: string;

  @ApiProperty({ description: "Open longer than timeout_ms, or its coordinator no longer counts this partition in an open transaction (as kafka-transactions find-hanging)" })
  hanging!: boolean;
}

export class PartitionTransactionsDto {
  @ApiProperty({ example: "SkeinPartitionTransactions" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty()
  topic_name!: string;

  @ApiProperty()
  partition_id!: number;

  @ApiProperty()
  high_watermark!: number;

  @ApiProperty({ description: "Below it every transaction is decided; read_committed consumers stop here" })
  last_stable_offset!: number;

  @ApiProperty({ description: "high_watermark - last_stable_offset: what read_committed consumers wait for" })
  lso_lag!: number;

  @ApiProperty({ type: [OpenTransactionDto], description: "Open transactions, oldest first offset first" })
  data!: OpenTransactionDto[];
}
