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

/** v3 consumer groups (Confluent's resources) and Skein's lag-history, offsets:reset and delete extensions. */
@ApiTags("Consumer Group (v3)")
@Controller("v3/clusters/:cluster_id/consumer-groups")
export class ConsumerGroupsController {
  constructor(
    private readonly cluster: ClusterService,
    private readonly groups: ConsumerGroupsService,
    private readonly lagHistory: LagHistoryService,
  ) {}

  private views(links: ResourceLinks, clusterId: string): ConsumerGroupViews {
    this.cluster.requireCluster(clusterId);
    return new ConsumerGroupViews(links, clusterId, this.groups.coordinatorId);
  }

  @Get()
  @ApiOperation({ summary: "List Consumer Groups" })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string) {
    const views = this.views(links, clusterId);
    return views.list("KafkaConsumerGroupList", views.groupsPath(), this.groups.list().map((g) => views.group(g)));
  }

  @Get(":group")
  @ApiOperation({ summary: "Get Consumer Group", description: "State, partition assignor and coordinator of a group." })
  get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string) {
    const views = this.views(links, clusterId);
    return views.group(this.groups.describe(groupId));
  }

  @Delete(":group")
  @HttpCode(204)
  @ApiOperation({ summary: "Delete Consumer Group (Skein)", description: "Only an empty group; 409 while it has members." })
  async delete(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string): Promise<void> {
    this.views(links, clusterId);
    await this.groups.deleteGroup(groupId);
  }

  @Get(":group/consumers")
  @ApiOperation({ summary: "List Consumers" })
  consumers(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string) {
    const views = this.views(links, clusterId);
    const group = this.groups.describe(groupId);
    return views.list("KafkaConsumerList", views.consumersPath(groupId), group.members.map((m) => views.consumer(groupId, m)));
  }

  @Get(":group/consumers/:consumer")
  @ApiOperation({ summary: "Get Consumer" })
  consumer(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Param("consumer") consumerId: string) {
    const views = this.views(links, clusterId);
    return views.consumer(groupId, this.groups.member(groupId, consumerId));
  }

  @Get(":group/consumers/:consumer/assignments")
  @ApiOperation({ summary: "List Consumer Assignments" })
  assignments(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Param("consumer") consumerId: string) {
    const views = this.views(links, clusterId);
    const member = this.groups.member(groupId, consumerId);
    const data = member.assignedPartitions.flatMap(({ topic, partitions }) => partitions.map((p) => views.assignment(groupId, consumerId, topic, p)));
    return views.list("KafkaConsumerAssignmentList", views.assignmentsPath(groupId, consumerId), data);
  }

  @Get(":group/consumers/:consumer/assignments/:topic/partitions/:partition")
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
  @ApiOperation({ summary: "List Consumer Lags", description: "Current offset, log end offset and lag of every partition the group committed." })
  lags(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string) {
    const views = this.views(links, clusterId);
    const rows = this.groups.lag(groupId).topics.flatMap((t) => t.partitions.filter((p) => p.currentOffset !== null && p.logEndOffset !== null));
    return views.list("KafkaConsumerLagList", views.lagsPath(groupId), rows.map((r) => views.lag(groupId, r)));
  }

  @Get(":group/lags/:topic/partitions/:partition")
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
  @ApiOperation({ summary: "Get Consumer Group Lag Summary" })
  lagSummary(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string) {
    const views = this.views(links, clusterId);
    return views.lagSummary(groupId, this.groups.lag(groupId));
  }

  @Get(":group/lag-history")
  @ApiOperation({ summary: "Lag over time (Skein)", description: "Samples every 5 s, kept for 24 h; ?minutes=60 by default." })
  history(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Query("minutes") rawMinutes?: string) {
    const views = this.views(links, clusterId);
    this.groups.describe(groupId);
    const minutes = rawMinutes === undefined || rawMinutes === "" ? 60 : Number(rawMinutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw new RestError(400, 40002, "minutes must be an integer from 1 to 1440.");
    return views.lagHistory(groupId, this.lagHistory.intervalMs, minutes, this.lagHistory.samples(groupId, minutes));
  }

  @Post(":group/offsets::reset")
  @HttpCode(200)
  @ApiOperation({ summary: "Reset offsets (Skein)", description: "kafka-consumer-groups --reset-offsets: every strategy, dry run by default; 409 while the group has members." })
  @ApiBody({ schema: { example: { strategy: "shift-by", value: -2, topics: [{ topic_name: "orders", partitions: [0, 1] }], dry_run: true } } })
  async reset(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Body() body: unknown) {
    const views = this.views(links, clusterId);
    const request = parseOffsetReset(groupId, body);
    const plan = await this.groups.resetOffsets(request);
    return views.resetPlan(groupId, request.strategy.type, request.dryRun ?? true, plan);
  }

  @Delete(":group/offsets/:topic")
  @HttpCode(204)
  @ApiOperation({ summary: "Delete a group's offsets of a topic (Skein)", description: "409 while members subscribe to the topic." })
  async deleteOffsets(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("group") groupId: string, @Param("topic") topic: string): Promise<void> {
    this.views(links, clusterId);
    await this.groups.deleteTopicOffsets(groupId, topic);
  }
}
