import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { Type } from "class-transformer";
import { IsArray, IsBoolean, IsDefined, IsIn, IsObject, IsOptional, IsString, ValidateIf, ValidateNested } from "class-validator";
import { payloadError } from "./v3-body.js";
import { RelationshipDto, ResourceCollectionMetadataDto, ResourceMetadataDto } from "./v3-resource.dto.js";

/** DTOs more than one v3 module answers with or accepts: configs (topic, broker, cluster-wide) and replicas. */

const CONFIG_SOURCES = [
  "DYNAMIC_TOPIC_CONFIG",
  "DYNAMIC_BROKER_CONFIG",
  "DYNAMIC_DEFAULT_BROKER_CONFIG",
  "STATIC_BROKER_CONFIG",
  "DEFAULT_CONFIG",
  "UNKNOWN",
];

export class ConfigSynonymDto {
  @ApiProperty({ example: "log.retention.ms" })
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  value!: string | null;

  @ApiProperty({ enum: CONFIG_SOURCES })
  source!: string;
}

/** Confluent's `AbstractConfigData`. */
export class ConfigDataDto {
  @ApiProperty()
  metadata!: ResourceMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty({ example: "retention.ms" })
  name!: string;

  @ApiProperty({ type: String, nullable: true, description: "Null for a sensitive config, or one nothing sets that has no default" })
  value!: string | null;

  @ApiProperty()
  is_default!: boolean;

  @ApiProperty()
  is_read_only!: boolean;

  @ApiProperty()
  is_sensitive!: boolean;

  @ApiProperty({ enum: CONFIG_SOURCES, description: "Where the value comes from: the first synonym's source" })
  source!: string;

  @ApiProperty({ type: [ConfigSynonymDto], description: "Every place the config is set, in the order the value is resolved" })
  synonyms!: ConfigSynonymDto[];

  @ApiProperty({ type: String, nullable: true, description: "Skein's extension: Kafka's documentation of the config; null for a name Skein does not know" })
  documentation!: string | null;

  @ApiProperty({ type: [String], nullable: true, description: "Skein's extension: the values an enumerated config allows (for a list config, each item's); null for any other config", example: ["compact", "delete"] })
  valid_values!: string[] | null;
}

/** `PUT .../configs/{name}`: Confluent's `UpdateConfigRequestData`. */
export class UpdateConfigRequestDto {
  @ApiProperty({ example: "gzip" })
  @IsDefined()
  @IsString()
  value!: string;
}

export class AlterConfigEntryDto {
  @ApiProperty({ example: "compression.type" })
  @IsDefined()
  @IsString()
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: "The new value (SET)" })
  @ValidateIf((entry: AlterConfigEntryDto) => entry.value !== null && entry.value !== undefined)
  @IsString()
  value?: string | null;

  @ApiPropertyOptional({ enum: ["SET", "DELETE"], nullable: true, description: "SET (the default) or DELETE (back to the inherited value)" })
  @IsOptional()
  @IsIn(["SET", "DELETE", "set", "delete"])
  operation?: string | null;
}

/** `POST .../configs:alter`: Confluent's `AlterConfigBatchRequestData`. */
export class AlterConfigBatchRequestDto {
  @ApiProperty({ type: [AlterConfigEntryDto] })
  @IsDefined()
  @IsArray()
  // Without it, an array nested in the array passes ValidateNested as "an object or array".
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AlterConfigEntryDto)
  data!: AlterConfigEntryDto[];

  @ApiPropertyOptional({ description: "Only validate the changes" })
  @IsOptional()
  @IsBoolean()
  validate_only?: boolean;
}

/** The engine's config changes for an alter batch: DELETE removes the override; SET needs a value. */
export function configChanges(body: AlterConfigBatchRequestDto): { name: string; value: string | null }[] {
  return body.data.map((entry) => {
    if (entry.operation?.toUpperCase() === "DELETE") return { name: entry.name, value: null };
    if (entry.value === undefined || entry.value === null) throw payloadError(`Config ${entry.name}: SET needs a value.`);
    return { name: entry.name, value: entry.value };
  });
}

/** Confluent's `ReplicaData`. */
export class ReplicaDataDto {
  @ApiProperty({ example: "KafkaReplica" })
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
  broker_id!: number;

  @ApiProperty()
  is_leader!: boolean;

  @ApiProperty()
  is_in_sync!: boolean;

  @ApiProperty()
  broker!: RelationshipDto;
}

export class ReplicaDataListDto {
  @ApiProperty({ example: "KafkaReplicaList" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [ReplicaDataDto] })
  data!: ReplicaDataDto[];
}
