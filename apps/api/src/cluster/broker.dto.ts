import { ApiProperty } from "@nestjs/swagger";
import { RelationshipDto, ResourceCollectionMetadataDto, ResourceMetadataDto } from "../common/v3-resource.dto.js";

/** `KafkaBroker`, as in the REST Proxy's v3 API. */
export class BrokerDataDto {
  @ApiProperty({ example: "KafkaBroker" })
  kind!: "KafkaBroker";

  @ApiProperty()
  metadata!: ResourceMetadataDto;

  @ApiProperty()
  cluster_id!: string;

  @ApiProperty({ example: 0 })
  broker_id!: number;

  @ApiProperty({ type: String, nullable: true, example: "localhost" })
  host!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 8080 })
  port!: number | null;

  @ApiProperty({ type: String, nullable: true })
  rack!: string | null;

  @ApiProperty()
  configs!: RelationshipDto;

  @ApiProperty()
  partition_replicas!: RelationshipDto;
}

export class BrokerDataListDto {
  @ApiProperty({ example: "KafkaBrokerList" })
  kind!: "KafkaBrokerList";

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [BrokerDataDto] })
  data!: BrokerDataDto[];
}
