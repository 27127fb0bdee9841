import { ApiProperty } from "@nestjs/swagger";
import { ResourceCollectionMetadataDto } from "../common/v3-resource.dto.js";
import { ConfigDataDto } from "../common/v3-shared.dto.js";

/** `KafkaBrokerConfig`, as in the REST Proxy's v3 API. */
export class BrokerConfigDataDto extends ConfigDataDto {
  @ApiProperty({ example: "KafkaBrokerConfig" })
  kind!: string;

  @ApiProperty({ example: 0 })
  broker_id!: number;
}

export class BrokerConfigDataListDto {
  @ApiProperty({ example: "KafkaBrokerConfigList" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [BrokerConfigDataDto] })
  data!: BrokerConfigDataDto[];
}

/** `KafkaClusterConfig`: a dynamic cluster-wide broker config. */
export class ClusterConfigDataDto extends ConfigDataDto {
  @ApiProperty({ example: "KafkaClusterConfig" })
  kind!: string;

  @ApiProperty({ example: "BROKER" })
  config_type!: string;
}

export class ClusterConfigDataListDto {
  @ApiProperty({ example: "KafkaClusterConfigList" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [ClusterConfigDataDto] })
  data!: ClusterConfigDataDto[];
}
