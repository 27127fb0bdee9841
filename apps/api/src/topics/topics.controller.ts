import { Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from "@nestjs/common";
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from "@nestjs/swagger";
import type { FastifyReply } from "fastify";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { V3Body } from "../common/v3-body.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { RestError } from "../errors/rest-error.js";
import { topicData, v3List, type TopicData, type V3List } from "../common/v3-resources.js";
import { CreateTopicRequestDto, TopicDataDto, TopicDataListDto, TopicDeletionDto, UpdatePartitionCountRequestDto } from "./topic.dto.js";
import { TopicsService } from "./topics.service.js";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import { Identity, type HttpIdentity } from "../security/http-identity.js";

/** The operations Kafka reports for a topic (`authorized_operations`). */
const TOPIC_OPERATIONS = ["READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE", "DESCRIBE_CONFIGS", "ALTER_CONFIGS"] as const;
import { AuditedChange, AuthorizeInHandler, RequireAcl, param } from "../security/route-security.js";

@ApiTags("Topic (v3)")
@ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster (404) or topic (40403)" })
@Controller("v3/clusters/:cluster_id/topics")
export class TopicsController {
  constructor(
    private readonly topics: TopicsService,
    private readonly authz: HttpAuthorizer,
  ) {}

  @Get()
  @AuthorizeInHandler("lists the topics the principal may DESCRIBE, as Kafka's Metadata")
  @ApiOperation({ summary: "List Topics" })
  @ApiOkResponse({ type: TopicDataListDto })
  @ApiQuery({ name: "include_authorized_operations", required: false, type: Boolean })
  @ApiQuery({ name: "include_internal", required: false, enum: ["true", "false"], description: "Skein's extension: also list internal topics (`__consumer_offsets`, ...), which are left out by default as Kafka's listTopics leaves them out." })
  list(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Identity() identity: HttpIdentity,
    @Query("include_authorized_operations") withOperations?: string,
    @Query("include_internal") includeInternal?: string,
  ): V3List<TopicData> {
    if (includeInternal !== undefined && includeInternal !== "true" && includeInternal !== "false") {
      throw new RestError(400, 40002, `include_internal=${includeInternal} is not true or false.`);
    }
    const visible = this.authz.filter(identity, "DESCRIBE", "TOPIC", this.topics.list(clusterId, includeInternal === "true"), (topic) => topic.name);
    const data = visible.map((topic) => this.withOperations(topicData(links, clusterId, topic), identity, withOperations));
    return v3List("KafkaTopicList", links.url("v3", "clusters", clusterId, "topics"), data);
  }

  @Post()
  @AuthorizeInHandler("CREATE on the cluster, else on the topic named in the body (Kafka's CreateTopics)")
  @AuditedChange("CREATE", "TOPIC", { body: "topic_name" })
  @ApiOperation({ summary: "Create Topic", description: "201 with the topic; with `validate_only`, 200 and nothing is created." })
  @ApiCreatedResponse({ type: TopicDataDto })
  @ApiOkResponse({ type: TopicDataDto, description: "Validated only" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "The topic exists, or a bad partition count, replication factor or config (40002)" })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: "No body, a missing topic_name, or an invalid topic name (42206)" })
  async create(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @V3Body() body: CreateTopicRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Identity() identity: HttpIdentity,
  ): Promise<TopicData> {
    this.authz.requireCreateTopic(identity, body.topic_name, "POST /v3/clusters/{c}/topics");
    const validateOnly = body.validate_only ?? false;
    const { topic, partitionsCount } = await this.topics.create(clusterId, {
      name: body.topic_name,
      partitions: body.partitions_count,
      replicationFactor: body.replication_factor,
      configs: body.configs ?? [],
      validateOnly,
    });
    const data = topicData(links, clusterId, topic, partitionsCount);
    void reply.status(validateOnly ? 200 : 201).header("location", data.metadata.self);
    return data;
  }

  @Get(":topic_name")
  @AuthorizeInHandler("DESCRIBE on the topic; authorized_operations when asked")
  @ApiOperation({ summary: "Get Topic" })
  @ApiOkResponse({ type: TopicDataDto })
  @ApiQuery({ name: "include_authorized_operations", required: false, type: Boolean })
  get(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Identity() identity: HttpIdentity,
    @Query("include_authorized_operations") withOperations?: string,
  ): TopicData {
    this.authz.require(identity, "DESCRIBE", "TOPIC", topicName, "GET /v3/clusters/{c}/topics/{t}");
    return this.withOperations(topicData(links, clusterId, this.topics.describe(clusterId, topicName)), identity, withOperations);
  }

  @Patch(":topic_name")
  @RequireAcl(["ALTER", "TOPIC", param("topic_name")])
  @AuditedChange("ALTER", "TOPIC", param("topic_name"))
  @ApiOperation({ summary: "Update Partition Count", description: "Raises the partition count; a decrease or the same count is refused (40002)." })
  @ApiOkResponse({ type: TopicDataDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: "Not an increase (40002)" })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: "No body or no partitions_count (42206)" })
  async update(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @V3Body() body: UpdatePartitionCountRequestDto,
  ): Promise<TopicData> {
    return topicData(links, clusterId, await this.topics.increasePartitions(clusterId, topicName, body.partitions_count));
  }

  @Delete(":topic_name")
  @RequireAcl(["DELETE", "TOPIC", param("topic_name")])
  @AuditedChange("DELETE", "TOPIC", param("topic_name"))
  @HttpCode(204)
  @ApiOperation({
    summary: "Delete Topic",
    description:
      "Deletes the topic and frees its logs' space at once, even on a full disk. When the metadata database cannot record the deletion " +
      "(a full disk under SQLite, PostgreSQL away) the topic is still deleted for every client: the answer is 202 with the reason, and " +
      "the database write is retried in the background and at the next start.",
  })
  @ApiNoContentResponse({ description: "Deleted" })
  @ApiAcceptedResponse({ type: TopicDeletionDto, description: "Deleted and its logs freed; the metadata database records it later" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An internal topic, or deletion disabled (40002)" })
  async delete(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TopicDeletionDto | undefined> {
    const deletion = await this.topics.delete(clusterId, topicName);
    if (deletion.metadataPending === null) return undefined;
    void reply.status(202);
    return {
      kind: "SkeinTopicDeletion",
      metadata: { self: links.url("v3", "clusters", clusterId, "topics", topicName), resource_name: links.crn("kafka", clusterId, "topic", topicName) },
      cluster_id: clusterId,
      topic_name: topicName,
      topic_id: deletion.topicId,
      metadata_pending: deletion.metadataPending,
      message: `Topic ${topicName} is deleted and its logs are freed; the metadata database did not record the deletion yet (it is retried in the background).`,
    };
  }

  /** Kafka's authorized operations of the topic, when the request asks (`include_authorized_operations=true`). */
  private withOperations(data: TopicData, identity: HttpIdentity, asked: string | undefined): TopicData {
    if (asked !== "true") return data;
    return { ...data, authorized_operations: this.authz.authorizedOperations(identity, "TOPIC", data.topic_name, TOPIC_OPERATIONS) };
  }
}
