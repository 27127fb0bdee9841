import { Controller, Get, Param, Query } from "@nestjs/common";
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from "@nestjs/swagger";
import { pathInt } from "../common/path-params.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { RecordListDto, RecordsQueryDto } from "./partition.dto.js";
import { PartitionRecordsService } from "./partition-records.service.js";
import { recordListView } from "./partition-views.js";
import { parseRecordsQuery } from "./records-query.js";
import { RequireAcl, param } from "../security/route-security.js";

@ApiTags("Records (Skein)")
@Controller("v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/records")
export class PartitionRecordsController {
  constructor(private readonly records: PartitionRecordsService) {}

  @Get()
  @RequireAcl(["READ", "TOPIC", param("topic_name")])
  @ApiOperation({
    summary: "Read Records",
    description:
      "Records of one partition from `offset`, from the first record at or after `timestamp` (through the time index), " +
      "or the newest `limit` (`from=newest`); without any, from the log start. Keys, values and header values are base64. " +
      "Committed records only (up to the last stable offset, aborted transactions left out) unless `isolation_level=read_uncommitted`; " +
      "transaction markers are never records.",
  })
  @ApiOkResponse({ type: RecordListDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: "A bad query parameter (400); an unknown isolation_level (40002)" })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster (404), topic (40403) or partition (40402)" })
  @ApiResponse({ status: 416, type: ErrorDto, description: "The offset is below the log start offset or beyond the log end (41601)" })
  async read(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Param("partition_id") rawPartitionId: string,
    @Query() raw: RecordsQueryDto,
  ): Promise<ReturnType<typeof recordListView>> {
    const partitionId = pathInt(rawPartitionId);
    const query = parseRecordsQuery(raw);
    const read = await this.records.read(clusterId, topicName, partitionId, query);
    return recordListView({ links, clusterId, topicName, partitionId }, read, query.limit, query.maxBytes, query.isolationLevel);
  }
}
