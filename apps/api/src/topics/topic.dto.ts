import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { Type } from "class-transformer";
import { IsArray, IsBoolean, IsDefined, IsInt, IsObject, IsOptional, IsString, ValidateIf, ValidateNested } from "class-validator";
import { RelationshipDto, ResourceCollectionMetadataDto, ResourceMetadataDto } from "../common/v3-resource.dto.js";

/** `KafkaTopic`, as in the REST Proxy's v3 API. */
export class TopicDataDto {
  @ApiProperty({ example: "KafkaTopic" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty({ example: "orders" })
  topic_name!: string;

  @ApiProperty()
  is_internal!: boolean;

  @ApiProperty({ example: 1 })
  replication_factor!: number;

  @ApiProperty({ example: 3 })
  partitions_count!: number;

  @ApiProperty()
  partitions!: RelationshipDto;

  @ApiProperty()
  configs!: RelationshipDto;

  @ApiProperty()
  partition_reassignments!: RelationshipDto;

  @ApiProperty({ type: [String] })
  authorized_operations!: string[];
}

export class TopicDataListDto {
  @ApiProperty({ example: "KafkaTopicList" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [TopicDataDto] })
  data!: TopicDataDto[];
}

export class TopicConfigEntryDto {
  @ApiProperty({ example: "cleanup.policy" })
  @IsDefined()
  @IsString()
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: "compact" })
  @ValidateIf((entry: TopicConfigEntryDto) => entry.value !== null && entry.value !== undefined)
  @IsString()
  value?: string | null;
}

/** `POST /v3/clusters/{cluster_id}/topics`: Confluent's `CreateTopicRequestData` (without replica assignments). */
export class CreateTopicRequestDto {
  @ApiProperty({ example: "orders" })
  @IsDefined()
  @IsString()
  topic_name!: string;

  @ApiPropertyOptional({ example: 3, description: "Default: the broker's num.partitions" })
  @IsOptional()
  @IsInt()
  partitions_count?: number;

  @ApiPropertyOptional({ example: 1, description: "Default: the broker's default.replication.factor" })
  @IsOptional()
  @IsInt()
  replication_factor?: number;

  @ApiPropertyOptional({ type: [TopicConfigEntryDto] })
  @IsOptional()
  @IsArray()
  // Without it, an array nested in the array passes ValidateNested as "an object or array".
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TopicConfigEntryDto)
  configs?: TopicConfigEntryDto[];

  @ApiPropertyOptional({ description: "Only validate: create nothing and answer 200" })
  @IsOptional()
  @IsBoolean()
  validate_only?: boolean;
}

/** `PATCH /v3/clusters/{cluster_id}/topics/{topic_name}`. */
export class UpdatePartitionCountRequestDto {
  @ApiProperty({ example: 6, description: "The new partition count; it must be larger than the current one" })
  @IsDefined()
  @IsInt()
  partitions_count!: number;
}

/** `DELETE .../topics/{t}` when the metadata database has not recorded the deletion yet (202). */
export class TopicDeletionDto {
  @ApiProperty({ example: "SkeinTopicDeletion" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty()
  topic_name!: string;

  @ApiProperty()
  topic_id!: string;

  @ApiProperty({ description: "Why the metadata database has not recorded the deletion (it is retried in the background and at start-up)" })
  metadata_pending!: string;

  @ApiProperty()
  message!: string;
}
