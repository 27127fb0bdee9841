import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";

/** The v2 shapes, for the OpenAPI document. */

export class V2ProduceRecordDto {
  @ApiPropertyOptional({ description: "binary: base64; json: any JSON value", nullable: true })
  key?: unknown;

  @ApiPropertyOptional({ description: "binary: base64; json: any JSON value", nullable: true })
  value?: unknown;

  @ApiPropertyOptional({ type: Number, nullable: true })
  partition?: number | null;
}

export class V2ProduceRequestDto {
  @ApiProperty({ type: [V2ProduceRecordDto] })
  records!: V2ProduceRecordDto[];
}

export class V2PartitionOffsetDto {
  @ApiProperty({ type: Number, nullable: true })
  partition!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  offset!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: "50002 (Kafka error), 50003 (retriable) or 50701 (the disk is full) when not stored" })
  error_code!: number | null;

  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
}

export class V2ProduceResponseDto {
  @ApiProperty({ type: [V2PartitionOffsetDto] })
  offsets!: V2PartitionOffsetDto[];

  @ApiProperty({ type: Number, nullable: true })
  key_schema_id!: null;

  @ApiProperty({ type: Number, nullable: true })
  value_schema_id!: null;

  @ApiPropertyOptional({ description: "Only in a 507: 50701, a record was refused because the disk is full" })
  error_code?: number;

  @ApiPropertyOptional({ description: "Only in a 507: why" })
  message?: string;
}

export class V2ReplicaDto {
  @ApiProperty()
  broker!: number;

  @ApiProperty()
  leader!: boolean;

  @ApiProperty()
  in_sync!: boolean;
}

export class V2PartitionDto {
  @ApiProperty()
  partition!: number;

  @ApiProperty()
  leader!: number;

  @ApiProperty({ type: [V2ReplicaDto] })
  replicas!: V2ReplicaDto[];
}

export class V2TopicDto {
  @ApiProperty()
  name!: string;

  @ApiProperty({ type: "object", additionalProperties: { type: "string", nullable: true }, description: "Every config in force, by name" })
  configs!: Record<string, string | null>;

  @ApiProperty({ type: [V2PartitionDto] })
  partitions!: V2PartitionDto[];
}

export class V2PartitionOffsetsDto {
  @ApiProperty({ description: "The log start offset" })
  beginning_offset!: number;

  @ApiProperty({ description: "The offset the next record will get (the high watermark)" })
  end_offset!: number;
}

export class V2BrokerListDto {
  @ApiProperty({ type: [Number] })
  brokers!: number[];
}
