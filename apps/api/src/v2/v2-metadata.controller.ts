import { Controller, Get, Header, Param, UseFilters } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { Broker, UnknownTopicOrPartitionError, type PartitionDescription, type TopicDescription } from "@skein/broker";
import { pathInt } from "../common/path-params.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { RestError } from "../errors/rest-error.js";
import { V2ExceptionFilter } from "./v2-exception.filter.js";
import { V2_JSON } from "./v2-media-types.js";
import { V2BrokerListDto, V2PartitionDto, V2PartitionOffsetsDto, V2TopicDto } from "./v2.dto.js";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import { Identity, type HttpIdentity } from "../security/http-identity.js";
import { AuthenticatedOnly, AuthorizeInHandler, RequireAcl, param } from "../security/route-security.js";

/** v2 metadata: topic names, one topic with its configs and partitions, a topic's partitions and their offsets, broker ids. */
@ApiTags("Metadata (v2)")
@UseFilters(V2ExceptionFilter)
@Controller()
export class V2MetadataController {
  constructor(
    private readonly broker: Broker,
    private readonly authz: HttpAuthorizer,
  ) {}

  @Get("topics")
  @AuthorizeInHandler("lists the topics the principal may DESCRIBE")
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "List topic names" })
  @ApiOkResponse({ type: [String] })
  topics(@Identity() identity: HttpIdentity): string[] {
    return this.authz.filter(identity, "DESCRIBE", "TOPIC", this.broker.listTopics(), (topic) => topic.name).map((topic) => topic.name);
  }

  @Get("topics/:topic")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic")])
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "Get a topic: its configs in force and its partitions" })
  @ApiOkResponse({ type: V2TopicDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "Topic not found (40403)" })
  topic(@Param("topic") name: string): V2TopicDto {
    const topic = this.describe(name);
    const configs: Record<string, string | null> = {};
    for (const entry of this.broker.describeTopicConfigs(name)) configs[entry.name] = entry.isSensitive ? null : entry.value;
    return { name: topic.name, configs, partitions: topic.partitions.map(partitionView) };
  }

  @Get("topics/:topic/partitions")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic")])
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "List a topic's partitions" })
  @ApiOkResponse({ type: [V2PartitionDto] })
  @ApiNotFoundResponse({ type: ErrorDto, description: "Topic not found (40403)" })
  partitions(@Param("topic") name: string): V2PartitionDto[] {
    return this.describe(name).partitions.map(partitionView);
  }

  @Get("topics/:topic/partitions/:partition")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic")])
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "Get a partition: its leader and replicas" })
  @ApiOkResponse({ type: V2PartitionDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "Topic not found (40403), partition not found (40402)" })
  partition(@Param("topic") name: string, @Param("partition") partition: string): V2PartitionDto {
    return partitionView(this.partitionOf(name, partition));
  }

  @Get("topics/:topic/partitions/:partition/offsets")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic")])
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "A partition's beginning and end offsets" })
  @ApiOkResponse({ type: V2PartitionOffsetsDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "Topic not found (40403), partition not found (40402)" })
  offsets(@Param("topic") name: string, @Param("partition") partition: string): V2PartitionOffsetsDto {
    const found = this.partitionOf(name, partition);
    const offsets = this.broker.partitionOffsets(name, found.partition);
    return { beginning_offset: offsets.logStartOffset, end_offset: offsets.highWatermark };
  }

  @Get("brokers")
  @AuthenticatedOnly("the brokers, as Kafka's Metadata tells any client")
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "List broker ids" })
  @ApiOkResponse({ type: V2BrokerListDto })
  brokers(): V2BrokerListDto {
    return { brokers: [this.broker.brokerId] };
  }

  private describe(name: string): TopicDescription {
    try {
      return this.broker.describeTopic(name);
    } catch (error) {
      if (error instanceof UnknownTopicOrPartitionError) throw new RestError(404, 40403, "Topic not found.");
      throw error;
    }
  }

  private partitionOf(name: string, raw: string): PartitionDescription {
    const topic = this.describe(name);
    const id = pathInt(raw);
    const partition = topic.partitions.find((p) => p.partition === id);
    if (!partition) throw new RestError(404, 40402, "Partition not found.");
    return partition;
  }
}

function partitionView(partition: PartitionDescription): V2PartitionDto {
  return {
    partition: partition.partition,
    leader: partition.leader,
    replicas: partition.replicas.map((broker) => ({ broker, leader: broker === partition.leader, in_sync: partition.isr.includes(broker) })),
  };
}
