import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";

/** The v3 produce shapes, for the OpenAPI document (validation is `parseProduceRequest`'s). */

export class ProduceRequestHeaderDto {
  @ApiProperty()
  name!: string;

  @ApiPropertyOptional({ type: String, format: "byte", nullable: true, description: "base64" })
  value?: string | null;
}

export class ProduceRequestDataDto {
  @ApiProperty({ enum: ["BINARY", "JSON", "STRING"], description: "AVRO, JSONSCHEMA and PROTOBUF need a schema registry, which Skein has not (42206)" })
  type!: string;

  @ApiPropertyOptional({ description: "BINARY: strict base64; STRING: a string; JSON: any JSON value", nullable: true })
  data?: unknown;
}

export class ProduceRequestDto {
  @ApiPropertyOptional({ type: Number, nullable: true })
  partition_id?: number | null;

  @ApiPropertyOptional({ type: [ProduceRequestHeaderDto] })
  headers?: ProduceRequestHeaderDto[];

  @ApiPropertyOptional({ type: ProduceRequestDataDto, nullable: true })
  key?: ProduceRequestDataDto | null;

  @ApiPropertyOptional({ type: ProduceRequestDataDto, nullable: true })
  value?: ProduceRequestDataDto | null;

  @ApiPropertyOptional({ type: String, format: "date-time", nullable: true, description: "ISO-8601, or epoch milliseconds (Skein)" })
  timestamp?: string | number | null;
}

export class ProduceBatchRequestEntryDto extends ProduceRequestDto {
  @ApiProperty({ minLength: 1, maxLength: 80 })
  id!: string;
}

export class ProduceBatchRequestDto {
  @ApiProperty({ type: [ProduceBatchRequestEntryDto] })
  entries!: ProduceBatchRequestEntryDto[];
}

export class ProduceResponseDataDto {
  @ApiProperty({ enum: ["BINARY", "JSON", "STRING"] })
  type!: string;

  @ApiProperty({ description: "Serialized size in bytes" })
  size!: number;
}

export class ProduceResponseDto {
  @ApiProperty({ description: "200 when stored; otherwise the error's code, with `message`", example: 200 })
  error_code!: number;

  @ApiPropertyOptional()
  message?: string;

  @ApiPropertyOptional()
  cluster_id?: string;

  @ApiPropertyOptional()
  topic_name?: string;

  @ApiPropertyOptional()
  partition_id?: number;

  @ApiPropertyOptional()
  offset?: number;

  @ApiPropertyOptional({ format: "date-time" })
  timestamp?: string;

  @ApiPropertyOptional({ type: ProduceResponseDataDto })
  key?: ProduceResponseDataDto;

  @ApiPropertyOptional({ type: ProduceResponseDataDto })
  value?: ProduceResponseDataDto;
}

export class ProduceBatchSuccessDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty()
  topic_name!: string;

  @ApiProperty()
  partition_id!: number;

  @ApiProperty()
  offset!: number;

  @ApiProperty({ format: "date-time" })
  timestamp!: string;

  @ApiPropertyOptional({ type: ProduceResponseDataDto })
  key?: ProduceResponseDataDto;

  @ApiPropertyOptional({ type: ProduceResponseDataDto })
  value?: ProduceResponseDataDto;
}

export class ProduceBatchFailureDto {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  error_code!: number;

  @ApiProperty()
  message!: string;
}

export class ProduceBatchResponseDto {
  @ApiProperty({ type: [ProduceBatchSuccessDto] })
  successes!: ProduceBatchSuccessDto[];

  @ApiProperty({ type: [ProduceBatchFailureDto] })
  failures!: ProduceBatchFailureDto[];
}
