import { ApiProperty } from "@nestjs/swagger";
import { RelationshipDto, ResourceCollectionMetadataDto, ResourceMetadataDto } from "../common/v3-resource.dto.js";

/** `KafkaCluster`, as in the REST Proxy's v3 API. */
export class ClusterDataDto {
  @ApiProperty({ example: "KafkaCluster" })
  kind!: "KafkaCluster";

  @ApiProperty()
  metadata!: ResourceMetadataDto;

  @ApiProperty({ example: "4L6g3nShT-eMCtK--X86sw" })
  cluster_id!: string;

  @ApiProperty({ required: false })
  controller?: RelationshipDto;

  @ApiProperty()
  acls!: RelationshipDto;

  @ApiProperty()
  brokers!: RelationshipDto;

  @ApiProperty()
  broker_configs!: RelationshipDto;

  @ApiProperty()
  consumer_groups!: RelationshipDto;

  @ApiProperty()
  topics!: RelationshipDto;

  @ApiProperty()
  partition_reassignments!: RelationshipDto;
}

export class ClusterDataListDto {
  @ApiProperty({ example: "KafkaClusterList" })
  kind!: "KafkaClusterList";

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [ClusterDataDto] })
  data!: ClusterDataDto[];
}
