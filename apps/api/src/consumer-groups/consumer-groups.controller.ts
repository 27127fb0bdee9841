import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from "@nestjs/common";
import { ApiBody, ApiOperation, ApiTags } from "@nestjs/swagger";
import { ClusterService } from "../cluster/cluster.service.js";
import { pathInt } from "../common/path-params.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { RestError } from "../errors/rest-error.js";
import { ConsumerGroupViews } from "./consumer-group-views.js";
import { ConsumerGroupsService } from "./consumer-groups.service.js";
import { LagHistoryService } from "./lag-history.service.js";
import { parseOffsetReset } from "./offset-reset-request.js";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import { Identity, type HttpIdentity } from "../security/http-identity.js";
import { AuditedChange, AuthorizeInHandler, RequireAcl, param } from "../security/route-security.js";

/** v3 consumer groups (Confluent's resources) and Skein's lag-history, offsets:reset and delete extensions. */
@ApiTags("Consumer Group (v3)")
@Controller("v3/clusters/:cluster_id/consumer-groups")
export class ConsumerGroupsController {
  constructor(
    private readonly cluster: ClusterService,
    private readonly groups: ConsumerGroupsService,
    private readonly lagHistory: LagHistoryService,
    private readonly authz: HttpAuthorizer,
  ) {}

  private views(links: ResourceLinks, clusterId: string): ConsumerGroupViews {
    this.cluster.requireCluster(clusterId);
    return new ConsumerGroupViews(links, clusterId, this.groups.coordinatorId);
  }

  @Get()
  @AuthorizeInHandler("lists the groups the principal may DESCRIBE, as Kafka's ListGroups")
  @ApiOperation({ summary: "List Consumer Groups" })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Identity() identity: HttpIdentity) {
    const views = this.views(links, clusterId);
    const visible = this.authz.filter(identity, "DESCRIBE", "GROUP", this.groups.list(), (g) => g.groupId);
    return views.list("KafkaConsumerGroupList", views.groupsPath(), visible.map((g) => views.group(g)));
  }

  @Get(":group")
  @RequireAcl(["DESCRIBE", "GROUP", param("group")])
  @ApiOperation({ summary: "Get Consumer Group", description: "State, partition assignor and coordinator of a group." })
  get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string) {
    const views = this.views(links, clusterId);
    return views.group(this.groups.describe(groupId));
  }

  @Delete(":group")
  @RequireAcl(["DELETE", "GROUP", param("group")])
  @AuditedChange("DELETE", "GROUP", param("group"))
  @HttpCode(204)
  @ApiOperation({ summary: "Delete Consumer Group (Skein)", description: "Only an empty group; 409 while it has members." })
  async delete(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string): Promise<void> {
    this.views(links, clusterId);
    await this.groups.deleteGroup(groupId);
  }

  @Get(":group/consumers")
  @RequireAcl(["DESCRIBE", "GROUP", param("group")])
  @ApiOperation({ summary: "List Consumers" })
  consumers(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string) {
    const views = this.views(links, clusterId);
    const group = this.groups.describe(groupId);
    return views.list("KafkaConsumerList", views.consumersPath(groupId), group.members.map((m) => views.consumer(groupId, m)));
  }

  @Get(":group/consumers/:consumer")
  @RequireAcl(["DESCRIBE", "GROUP", param("group")])
  @ApiOperation({ summary: "Get Consumer" })
  consumer(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Param("consumer") consumerId: string) {
    const views = this.views(links, clusterId);
    return views.consumer(groupId, this.groups.member(groupId, consumerId));
  }

  @Get(":group/consumers/:consumer/assignments")
  @RequireAcl(["DESCRIBE", "GROUP", param("group")])
  @ApiOperation({ summary: "List Consumer Assignments" })
  assignments(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Param("consumer") consumerId: string) {
    const views = this.views(links, clusterId);
    const member = this.groups.member(groupId, consumerId);
    const data = member.assignedPartitions.flatMap(({ topic, partitions }) => partitions.map((p) => views.assignment(groupId, consumerId, topic, p)));
    return views.list("KafkaConsumerAssignmentList", views.assignmentsPath(groupId, consumerId), data);
  }

  @Get(":group/consumers/:consumer/assignments/:topic/partitions/:partition")
  @RequireAcl(["DESCRIBE", "GROUP", param("group")])
  @ApiOperation({ summary: "Get Consumer Assignment" })
  assignment(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("group") groupId: string,
    @Param("consumer") consumerId: string,
    @Param("topic") topic: string,
    @Param("partition") rawPartition: string,
  ) {
    const views = this.views(links, clusterId);
    const partition = pathInt(rawPartition);
    const member = this.groups.member(groupId, consumerId);
    const assigned = member.assignedPartitions.some((a) => a.topic === topic && a.partitions.includes(partition));
    if (!assigned) throw new RestError(404, 404, `Partition ${topic}-${partition} is not assigned to consumer '${consumerId}'.`);
    return views.assignment(groupId, consumerId, topic, partition);
  }

  @Get(":group/lags")
  @AuthorizeInHandler("DESCRIBE on the group; the partitions of topics the principal may DESCRIBE, as Kafka's OffsetFetch")
  @ApiOperation({ summary: "List Consumer Lags", description: "Current offset, log end offset and lag of every partition the group committed." })
  lags(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Identity() identity: HttpIdentity) {
    const views = this.views(links, clusterId);
    this.authz.require(identity, "DESCRIBE", "GROUP", groupId, "GET /v3/clusters/{c}/consumer-groups/{g}/lags");
    const topics = this.authz.filter(identity, "DESCRIBE", "TOPIC", this.groups.lag(groupId).topics, (t) => t.topic);
    const rows = topics.flatMap((t) => t.partitions.filter((p) => p.currentOffset !== null && p.logEndOffset !== null));
    return views.list("KafkaConsumerLagList", views.lagsPath(groupId), rows.map((r) => views.lag(groupId, r)));
  }

  @Get(":group/lags/:topic/partitions/:partition")
  @RequireAcl(["DESCRIBE", "GROUP", param("group")], ["DESCRIBE", "TOPIC", param("topic")])
  @ApiOperation({ summary: "Get Consumer Lag" })
  lag(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("group") groupId: string,
    @Param("topic") topic: string,
    @Param("partition") rawPartition: string,
  ) {
    const views = this.views(links, clusterId);
    const partition = pathInt(rawPartition);
    const row = this.groups
      .lag(groupId)
      .topics.find((t) => t.topic === topic)
      ?.partitions.find((p) => p.partition === partition);
    if (!row || row.currentOffset === null || row.logEndOffset === null) {
      throw new RestError(404, 404, `Consumer group '${groupId}' has no committed offset for partition ${topic}-${partition}.`);
    }
    return views.lag(groupId, row);
  }

  @Get(":group/lag-summary")
  @RequireAcl(["DESCRIBE", "GROUP", param("group")])
  @ApiOperation({ summary: "Get Consumer Group Lag Summary" })
  lagSummary(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string) {
    const views = this.views(links, clusterId);
    return views.lagSummary(groupId, this.groups.lag(groupId));
  }

  @Get(":group/lag-history")
  @RequireAcl(["DESCRIBE", "GROUP", param("group")])
  @ApiOperation({ summary: "Lag over time (Skein)", description: "Samples every 5 s, kept for 24 h; ?minutes=60 by default." })
  history(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Query("minutes") rawMinutes?: string) {
    const views = this.views(links, clusterId);
    this.groups.describe(groupId);
    const minutes = rawMinutes === undefined || rawMinutes === "" ? 60 : Number(rawMinutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw new RestError(400, 40002, "minutes must be an integer from 1 to 1440.");
    return views.lagHistory(groupId, this.lagHistory.intervalMs, minutes, this.lagHistory.samples(groupId, minutes));
  }

  @Post(":group/offsets::reset")
  @AuthorizeInHandler("READ on the group and on every topic reset (Kafka's AlterConsumerGroupOffsets)")
  @HttpCode(200)
  @ApiOperation({ summary: "Reset offsets (Skein)", description: "kafka-consumer-groups --reset-offsets: every strategy, dry run by default; 409 while the group has members." })
  @ApiBody({ schema: { example: { strategy: "shift-by", value: -2, topics: [{ topic_name: "orders", partitions: [0, 1] }], dry_run: true } } })
  async reset(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Body() body: unknown, @Identity() identity: HttpIdentity) {
    const views = this.views(links, clusterId);
    const route = "POST /v3/clusters/{c}/consumer-groups/{g}/offsets:reset";
    this.authz.require(identity, "READ", "GROUP", groupId, route);
    const request = parseOffsetReset(groupId, body);
    // Without named topics, the reset covers every topic the group committed: READ on each, as Kafka's tool resolves them first.
    for (const topic of request.topics?.map((t) => t.topic) ?? this.groups.lag(groupId).topics.map((t) => t.topic)) this.authz.require(identity, "READ", "TOPIC", topic, route);
    const dryRun = request.dryRun ?? true;
    try {
      const plan = await this.groups.resetOffsets(request);
      if (!dryRun) this.authz.audit(identity, "READ", "GROUP", groupId, "success", route, `offsets reset (${request.strategy.type}) for ${plan.length} partition(s)`);
      return views.resetPlan(groupId, request.strategy.type, dryRun, plan);
    } catch (error) {
      if (!dryRun) this.authz.audit(identity, "READ", "GROUP", groupId, "failure", route, `offsets reset (${request.strategy.type}): ${(error as Error).message}`);
      throw error;
    }
  }

  @Delete(":group/offsets/:topic")
  @RequireAcl(["DELETE", "GROUP", param("group")], ["READ", "TOPIC", param("topic")])
  @AuditedChange("DELETE", "GROUP", param("group"))
  @HttpCode(204)
  @ApiOperation({ summary: "Delete a group's offsets of a topic (Skein)", description: "409 while members subscribe to the topic." })
  async deleteOffsets(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Param("topic") topic: string): Promise<void> {
    this.views(links, clusterId);
    await this.groups.deleteTopicOffsets(groupId, topic);
  }
}
