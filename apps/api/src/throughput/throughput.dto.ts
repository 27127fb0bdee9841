import { ApiProperty } from "@nestjs/swagger";
import { ResourceMetadataDto } from "../common/v3-resource.dto.js";

export class ThroughputSampleDto {
  @ApiProperty({ description: "Start of the second (epoch ms)" })
  timestamp!: number;

  @ApiProperty()
  records_in!: number;

  @ApiProperty()
  records_out!: number;

  @ApiProperty()
  bytes_in!: number;

  @ApiProperty()
  bytes_out!: number;
}

export class ThroughputDto {
  @ApiProperty({ example: "SkeinThroughput" })
  kind!: "SkeinThroughput";

  @ApiProperty({ type: ResourceMetadataDto })
  metadata!: ResourceMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty({ description: "Records appended in the last complete second" })
  records_in_per_sec!: number;

  @ApiProperty({ description: "Records read by clients in the last complete second" })
  records_out_per_sec!: number;

  @ApiProperty()
  bytes_in_per_sec!: number;

  @ApiProperty()
  bytes_out_per_sec!: number;

  @ApiProperty({ type: [ThroughputSampleDto], description: "One sample per second for the last 10 minutes, oldest first" })
  history!: ThroughputSampleDto[];
}
