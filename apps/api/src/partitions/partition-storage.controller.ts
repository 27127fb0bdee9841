import { Controller, Get, HttpCode, Param, Post } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from "@nestjs/swagger";
import { pathInt } from "../common/path-params.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { V3Body } from "../common/v3-body.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { partitionMetadata, v3List, type V3List } from "../common/v3-resources.js";
import { httpError } from "../errors/rest-error.js";
import {
  DeleteRecordsRequestDto,
  DeleteRecordsResultDto,
  PartitionCleanerDto,
  PartitionLogDto,
  PartitionRetentionDto,
  SegmentDto,
  SegmentListDto,
} from "./partition.dto.js";
import { CorruptRangeListDto } from "../log-dirs/log-dir.dto.js";
import { corruptRangeView } from "../log-dirs/log-dir-views.js";
import { partitionCleanerView, partitionLogView, partitionRetentionView, segmentView, type PartitionRef } from "./partition-views.js";
import { PartitionsService } from "./partitions.service.js";
import { AuditedChange, RequireAcl, param } from "../security/route-security.js";

type Segment = ReturnType<typeof segmentView>;
type Corruption = ReturnType<typeof corruptRangeView>;

/** Skein's extensions: a partition's segments, offsets and size, retention, log cleaner, corrupt ranges, and DeleteRecords. */
@ApiTags("Partition storage (Skein)")
@ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster (404), topic (40403) or partition (40402)" })
@Controller("v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id")
export class PartitionStorageController {
  constructor(private readonly partitions: PartitionsService) {}

  @Get("segments")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "List Segments", description: "The partition's log segments, oldest first; the last is the active one." })
  @ApiOkResponse({ type: SegmentListDto })
  segments(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @Param("partition_id") rawPartitionId: string): V3List<Segment> {
    const ref = partitionRef(links, clusterId, topicName, rawPartitionId);
    const data = this.partitions.segments(clusterId, topicName, ref.partitionId).map((segment) => segmentView(ref, segment));
    return v3List("SkeinSegmentList", links.url("v3", "clusters", clusterId, "topics", topicName, "partitions", ref.partitionId, "segments"), data);
  }

  @Get("segments/:base_offset")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "Get Segment", description: "One segment, by its base offset." })
  @ApiOkResponse({ type: SegmentDto })
  segment(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Param("partition_id") rawPartitionId: string,
    @Param("base_offset") rawBaseOffset: string,
  ): Segment {
    const ref = partitionRef(links, clusterId, topicName, rawPartitionId);
    const baseOffset = Number(rawBaseOffset);
    const segment = this.partitions.segments(clusterId, topicName, ref.partitionId).find((candidate) => String(candidate.baseOffset) === rawBaseOffset && candidate.baseOffset === baseOffset);
    if (!segment) throw httpError(404, `Partition ${topicName}-${ref.partitionId} has no segment with base offset ${rawBaseOffset}.`);
    return segmentView(ref, segment);
  }

  @Get("log")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "Get Partition Log", description: "Log start and end offsets, high watermark and size in bytes." })
  @ApiOkResponse({ type: PartitionLogDto })
  log(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @Param("partition_id") rawPartitionId: string) {
    const ref = partitionRef(links, clusterId, topicName, rawPartitionId);
    return partitionLogView(ref, this.partitions.offsets(clusterId, topicName, ref.partitionId));
  }

  @Get("corruptions")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiOperation({
    summary: "List Corrupt Ranges",
    description:
      "Ranges of the partition's log found corrupt (a record batch failing its CRC32C, a bad length or offsets) by recovery after a crash, " +
      "the background scrubber or a read. Each was moved aside into the file `quarantined_as` names; the offsets it held are a gap in the " +
      "log (reads skip them, as compaction's gaps), and every intact batch after it was kept.",
  })
  @ApiOkResponse({ type: CorruptRangeListDto })
  corruptions(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @Param("partition_id") rawPartitionId: string): V3List<Corruption> {
    const ref = partitionRef(links, clusterId, topicName, rawPartitionId);
    const data = this.partitions.corruptRanges(clusterId, topicName, ref.partitionId).map((range) => corruptRangeView(links, clusterId, range));
    return v3List("SkeinCorruptRangeList", links.url("v3", "clusters", clusterId, "topics", topicName, "partitions", ref.partitionId, "corruptions"), data);
  }

  @Get("retention")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "Get Partition Retention", description: "What retention will delete next and why, what it deleted recently, and when it checks." })
  @ApiOkResponse({ type: PartitionRetentionDto })
  retention(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @Param("partition_id") rawPartitionId: string) {
    const ref = partitionRef(links, clusterId, topicName, rawPartitionId);
    return partitionRetentionView(ref, this.partitions.retention(clusterId, topicName, ref.partitionId));
  }

  @Get("cleaner")
  @RequireAcl(["DESCRIBE", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "Get Partition Cleaner State", description: "The log cleaner's view: dirty ratio, first dirty offset, last run, bytes reclaimed, and why it has not run." })
  @ApiOkResponse({ type: PartitionCleanerDto })
  cleaner(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @Param("partition_id") rawPartitionId: string) {
    const ref = partitionRef(links, clusterId, topicName, rawPartitionId);
    return partitionCleanerView(ref, this.partitions.cleaner(clusterId, topicName, ref.partitionId));
  }

  @Post("delete-records")
  @RequireAcl(["DELETE", "TOPIC", param("topic_name")])
  @AuditedChange("DELETE", "TOPIC", param("topic_name"))
  @HttpCode(200)
  @ApiOperation({
    summary: "Delete Records",
    description:
      "Kafka's DeleteRecords: records before `offset` (-1: the high watermark) are no longer readable. Works on a full disk (it frees " +
      "whole segments); `checkpoint_pending` says when the new log start offset could not be written to disk yet.",
  })
  @ApiOkResponse({ type: DeleteRecordsResultDto })
  @ApiResponse({ status: 416, type: ErrorDto, description: "The offset is beyond the high watermark (41601)" })
  async deleteRecords(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Param("partition_id") rawPartitionId: string,
    @V3Body() body: DeleteRecordsRequestDto,
  ) {
    const ref = partitionRef(links, clusterId, topicName, rawPartitionId);
    const logStartOffset = await this.partitions.deleteRecords(clusterId, topicName, ref.partitionId, body.offset);
    return {
      kind: "SkeinDeleteRecordsResult",
      metadata: partitionMetadata(links, clusterId, topicName, ref.partitionId, ["delete-records"]),
      cluster_id: clusterId,
      topic_name: topicName,
      partition_id: ref.partitionId,
      log_start_offset: logStartOffset,
      checkpoint_pending: this.partitions.checkpointPending(),
    };
  }
}

function partitionRef(links: ResourceLinks, clusterId: string, topicName: string, rawPartitionId: string): PartitionRef {
  return { links, clusterId, topicName, partitionId: pathInt(rawPartitionId) };
}
