import { BadRequestException, Controller, Get, Param, Query } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from "@nestjs/swagger";
import { pathInt } from "../common/path-params.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { partitionData, replicasOf, v3List, type PartitionData, type ReplicaData, type V3List } from "../common/v3-resources.js";
import { ReplicaDataDto, ReplicaDataListDto } from "../common/v3-shared.dto.js";
import { httpError } from "../errors/rest-error.js";
import { PartitionDataDto, PartitionDataListDto, PartitionWithOffsetsDto } from "./partition.dto.js";
import { partitionOffsetsView } from "./partition-views.js";
import { PartitionsService } from "./partitions.service.js";
import { RequireAcl, param } from "../security/route-security.js";

/** Confluent's partition resources: partitions, their offsets and their replicas. */
@ApiTags("Partition (v3)")
@ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster (404), topic (40403) or partition (40402)" })
@Controller("v3/clusters/:cluster_id/topics/:topic_name/partitions")
export class PartitionsController {
  constructor(private readonly partitions: PartitionsService) {}

  @Get()
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "List Partitions" })
  @ApiOkResponse({ type: PartitionDataListDto })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string): V3List<PartitionData> {
    const data = this.partitions.list(clusterId, topicName).map((partition) => partitionData(links, clusterId, topicName, partition));
    return v3List("KafkaPartitionList", links.url("v3", "clusters", clusterId, "topics", topicName, "partitions"), data);
  }

  @Get(":partition_id")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "Get Partition" })
  @ApiOkResponse({ type: PartitionDataDto })
  get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @Param("partition_id") rawPartitionId: string): PartitionData {
    return partitionData(links, clusterId, topicName, this.partitions.describe(clusterId, topicName, pathInt(rawPartitionId)));
  }

  @Get(":partition_id/offset")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "List Partition Offsets", description: "The earliest offset (log start) and the latest (high watermark)." })
  @ApiQuery({ name: "offset_type", required: false, enum: ["earliest_and_latest"] })
  @ApiOkResponse({ type: PartitionWithOffsetsDto })
  offsets(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Param("partition_id") rawPartitionId: string,
    @Query("offset_type") offsetType: string | undefined,
  ): ReturnType<typeof partitionOffsetsView> {
    if (offsetType !== undefined && offsetType !== "earliest_and_latest") throw new BadRequestException(`offset_type:${offsetType} is invalid`);
    const partitionId = pathInt(rawPartitionId);
    const offsets = this.partitions.offsets(clusterId, topicName, partitionId);
    return partitionOffsetsView({ links, clusterId, topicName, partitionId }, offsets);
  }

  @Get(":partition_id/replicas")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiTags("Replica (v3)")
  @ApiOperation({ summary: "List Replicas" })
  @ApiOkResponse({ type: ReplicaDataListDto })
  replicas(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @Param("partition_id") rawPartitionId: string): V3List<ReplicaData> {
    const partitionId = pathInt(rawPartitionId);
    const data = replicasOf(links, clusterId, topicName, this.partitions.describe(clusterId, topicName, partitionId));
    return v3List("KafkaReplicaList", links.url("v3", "clusters", clusterId, "topics", topicName, "partitions", partitionId, "replicas"), data);
  }

  @Get(":partition_id/replicas/:broker_id")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiTags("Replica (v3)")
  @ApiOperation({ summary: "Get Replica" })
  @ApiOkResponse({ type: ReplicaDataDto })
  replica(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Param("partition_id") rawPartitionId: string,
    @Param("broker_id") rawBrokerId: string,
  ): ReplicaData {
    const brokerId = pathInt(rawBrokerId);
    const partition = this.partitions.describe(clusterId, topicName, pathInt(rawPartitionId));
    const replica = replicasOf(links, clusterId, topicName, partition).find((candidate) => candidate.broker_id === brokerId);
    // The REST Proxy answers a plain 404 for a broker that holds no replica of the partition.
    if (!replica) throw httpError(404);
    return replica;
  }
}
