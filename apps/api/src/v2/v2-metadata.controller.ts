import { Controller, Get, Header, Param, UseFilters } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { Broker, UnknownTopicOrPartitionError } from "@skein/broker";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { RestError } from "../errors/rest-error.js";
import { V2ExceptionFilter } from "./v2-exception.filter.js";
import { V2_JSON } from "./v2-media-types.js";
import { V2BrokerListDto, V2TopicDto } from "./v2.dto.js";

/** v2 metadata: topic names, one topic with its configs and partitions, broker ids. */
@ApiTags("Metadata (v2)")
@UseFilters(V2ExceptionFilter)
@Controller()
export class V2MetadataController {
  constructor(private readonly broker: Broker) {}

  @Get("topics")
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "List topic names" })
  @ApiOkResponse({ type: [String] })
  topics(): string[] {
    return this.broker.listTopics().map((topic) => topic.name);
  }

  @Get("topics/:topic")
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "Get a topic: its configs in force and its partitions" })
  @ApiOkResponse({ type: V2TopicDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "Topic not found (40403)" })
  topic(@Param("topic") name: string): V2TopicDto {
    let topic;
    try {
      topic = this.broker.describeTopic(name);
    } catch (error) {
      if (error instanceof UnknownTopicOrPartitionError) throw new RestError(404, 40403, "Topic not found.");
      throw error;
    }
    const configs: Record<string, string | null> = {};
    for (const entry of this.broker.describeTopicConfigs(name)) configs[entry.name] = entry.isSensitive ? null : entry.value;
    return {
      name: topic.name,
      configs,
      partitions: topic.partitions.map((partition) => ({
        partition: partition.partition,
        leader: partition.leader,
        replicas: partition.replicas.map((broker) => ({ broker, leader: broker === partition.leader, in_sync: partition.isr.includes(broker) })),
      })),
    };
  }

  @Get("brokers")
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "List broker ids" })
  @ApiOkResponse({ type: V2BrokerListDto })
  brokers(): V2BrokerListDto {
    return { brokers: [this.broker.brokerId] };
  }
}
