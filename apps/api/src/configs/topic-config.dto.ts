import { ApiProperty } from "@nestjs/swagger";
import { ResourceCollectionMetadataDto } from "../common/v3-resource.dto.js";
import { ConfigDataDto } from "../common/v3-shared.dto.js";

/** `KafkaTopicConfig`, as in the REST Proxy's v3 API. */
export class TopicConfigDataDto extends ConfigDataDto {
  @ApiProperty({ example: "KafkaTopicConfig" })
  kind!: string;

  @ApiProperty({ example: "orders" })
  topic_name!: string;
}

export class TopicConfigDataListDto {
  @ApiProperty({ example: "KafkaTopicConfigList" })
  kind!: string;

  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;

  @ApiProperty({ type: [TopicConfigDataDto] })
  data!: TopicConfigDataDto[];
}
