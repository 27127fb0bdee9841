import { ApiProperty } from "@nestjs/swagger";
import { ResourceCollectionMetadataDto, ResourceMetadataDto } from "../common/v3-resource.dto.js";

/** Skein's storage-health resources, for the OpenAPI document. */

export class CorruptRangeDto {
  @ApiProperty({ example: "SkeinCorruptRange" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty()
  topic_name!: string;

  @ApiProperty()
  partition_id!: number;

  @ApiProperty({ description: "The first offset the corrupt bytes covered (as far as the intact batches around them tell)" })
  base_offset!: number;

  @ApiProperty({ description: "The last offset they covered" })
  last_offset!: number;

  @ApiProperty({ description: "The segment that held them" })
  segment_base_offset!: number;

  @ApiProperty()
  size_bytes!: number;

  @ApiProperty({ type: String, nullable: true, description: "Where the bytes were moved, relative to the data directory; null while they could not be moved aside" })
  quarantined_as!: string | null;

  @ApiProperty({ description: "Epoch milliseconds" })
  detected_at!: number;

  @ApiProperty({ enum: ["recovery", "scrubber", "read"], description: "Found by recovery after a crash, by the background scrubber, or by a read" })
  detected_by!: string;

  @ApiProperty({ example: "CRC32C mismatch" })
  reason!: string;
}

export class CorruptRangeListDto {
  @ApiProperty({ example: "SkeinCorruptRangeList" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [CorruptRangeDto] })
  data!: CorruptRangeDto[];
}

export class OfflinePartitionDto {
  @ApiProperty()
  topic_name!: string;

  @ApiProperty()
  partition_id!: number;

  @ApiProperty({ description: "Why its log cannot be served (reads and writes answer KAFKA_STORAGE_ERROR)" })
  reason!: string;
}

export class ScrubberDto {
  @ApiProperty({ description: "log.scrubber.enable" })
  enabled!: boolean;

  @ApiProperty({ description: "log.scrubber.bytes.per.second" })
  bytes_per_second!: number;

  @ApiProperty({ type: Number, nullable: true, description: "Epoch milliseconds" })
  last_pass_completed_at!: number | null;

  @ApiProperty({ description: "Bytes verified since the broker started" })
  bytes_verified!: number;

  @ApiProperty({ description: "Corrupt ranges found since the broker started" })
  corruptions_found!: number;
}

export class LogDirDto {
  @ApiProperty({ example: "SkeinLogDir" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty()
  broker_id!: number;

  @ApiProperty({ example: "/var/lib/skein" })
  path!: string;

  @ApiProperty({
    enum: ["ok", "nearly-full", "full", "failed"],
    description:
      "nearly-full: still writable, used_ratio at or above log.dir.nearly.full.ratio; full: appends are refused (507/50701) until free space is " +
      "back above log.dir.min.free.bytes, by any means and without a restart; failed: an I/O error other than a full disk took the directory " +
      "offline, writes are refused until a restart",
  })
  state!: string;

  @ApiProperty({ description: "Whether appends are accepted (ok or nearly-full)" })
  writable!: boolean;

  @ApiProperty()
  total_bytes!: number;

  @ApiProperty({ description: "Bytes the broker may still write on the filesystem" })
  usable_bytes!: number;

  @ApiProperty({ example: 0.42 })
  used_ratio!: number;

  @ApiProperty({ example: 0.9, description: "log.dir.nearly.full.ratio" })
  nearly_full_ratio!: number;

  @ApiProperty({ type: String, nullable: true, description: "The last storage error" })
  error!: string | null;

  @ApiProperty({ description: "When the space was last measured (epoch milliseconds)" })
  checked_at!: number;

  @ApiProperty({ type: [OfflinePartitionDto] })
  offline_partitions!: OfflinePartitionDto[];

  @ApiProperty({ type: [CorruptRangeDto] })
  corrupt_ranges!: CorruptRangeDto[];

  @ApiProperty()
  scrubber!: ScrubberDto;
}

export class LogDirListDto {
  @ApiProperty({ example: "SkeinLogDirList" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [LogDirDto] })
  data!: LogDirDto[];
}
