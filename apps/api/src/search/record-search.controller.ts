import { Controller, Get, Param, Query, Req, Res } from "@nestjs/common";
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { Broker } from "@skein/broker";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ClusterService } from "../cluster/cluster.service.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { RestError } from "../errors/rest-error.js";
import { MetricsService } from "../metrics/metrics.service.js";
import { sendReportStream } from "../records/record-stream-body.js";
import { parseSearchCriteria, type SearchQuery } from "./record-filter.js";
import { RecordSearchQueryDto } from "./record-search.dto.js";
import { param, RequireAcl } from "../security/route-security.js";
import { searchRecords } from "./record-search.js";

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;
const SEARCH_FIELDS = ["key", "value_contains", "header_name", "header_contains", "json_path", "json_equals"] as const;

@ApiTags("Records (Skein)")
@Controller("v3/clusters/:cluster_id/topics")
export class RecordSearchController {
  constructor(
    private readonly broker: Broker,
    private readonly cluster: ClusterService,
    private readonly metrics: MetricsService,
  ) {}

  @Get(":topic_name/records::search")
  @RequireAcl(["READ", "TOPIC", param("topic_name")])
  @ApiOperation({
    summary: "Search Records",
    description:
      "Scans the topic's records server-side (every partition from its log start; for an exact `key`, only the key's murmur2 partition) " +
      "and streams one JSON object per line as it goes: `SkeinSearchMatch` (a record, keys and values base64), `SkeinSearchProgress` " +
      "(`records_scanned` of `records_total`, `bytes_scanned`, `matches`, `elapsed_ms`) a few times a second, and a last `SkeinSearchDone` " +
      "(`stopped`: `end` or `limit`; `skipped`: partitions with records corrupt on disk). Every criterion given must hold. " +
      "Closing the connection stops the scan.",
  })
  @ApiOkResponse({ description: "Lines of JSON (SkeinSearchProgress, SkeinSearchMatch, SkeinSearchDone)" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "No criterion, or a bad one (40002)" })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster (404), topic (40403) or partition (40402)" })
  async search(
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Query() raw: RecordSearchQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    this.cluster.requireCluster(clusterId);
    const partitions = this.broker.describeTopic(topicName).partitions.length;
    const query: SearchQuery = {};
    for (const field of SEARCH_FIELDS) {
      const value = single(raw, field);
      if (value !== undefined) query[field] = value;
    }
    const criteria = parseSearchCriteria(query);
    const partition = integer(single(raw, "partition"), "partition", 0, Number.MAX_SAFE_INTEGER);
    if (partition !== undefined && partition >= partitions) throw new RestError(404, 40402, "Partition not found.");
    const limit = integer(single(raw, "limit"), "limit", 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
    const response = reply.raw;
    const lines = searchRecords(this.broker, topicName, criteria, { partition, limit, gone: () => response.destroyed || request.raw.destroyed });
    await sendReportStream(request, reply, lines, this.metrics);
  }
}

/** A query parameter given once, or undefined; given twice is 400. */
function single(raw: object, name: string): string | undefined {
  const value = (raw as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new RestError(400, 40002, `${name} is given more than once.`);
  return value;
}

function integer(text: string | undefined, name: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) throw new RestError(400, 40002, `${name}=${text} is not a whole number from ${min} to ${max}.`);
  return n;
}
