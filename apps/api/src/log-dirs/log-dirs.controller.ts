import { Controller, Get, Param } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { Broker } from "@skein/broker";
import { pathInt } from "../common/path-params.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { v3List, type V3List } from "../common/v3-resources.js";
import { ClusterService } from "../cluster/cluster.service.js";
import { httpError } from "../errors/rest-error.js";
import { LogDirListDto } from "./log-dir.dto.js";
import { logDirView } from "./log-dir-views.js";
import { CLUSTER, RequireAcl } from "../security/route-security.js";

type LogDir = ReturnType<typeof logDirView>;

/** Skein's extension: a broker's data directory, its space and state, offline partitions and corrupt ranges. */
@ApiTags("Storage health (Skein)")
@Controller("v3/clusters/:cluster_id/brokers/:broker_id/log-dirs")
export class LogDirsController {
  constructor(
    private readonly broker: Broker,
    private readonly cluster: ClusterService,
  ) {}

  @Get()
  @RequireAcl(["DESCRIBE", "CLUSTER", CLUSTER])
  @ApiOperation({
    summary: "List Log Dirs",
    description:
      "Kafka's DescribeLogDirs, with what an operator needs before the disk fills: usable and total bytes, the used ratio against " +
      "log.dir.nearly.full.ratio, the state (ok, nearly-full, full, failed), partitions that cannot be served, corrupt ranges found " +
      "(and quarantined) and the background scrubber's progress. Skein has one data directory per broker.",
  })
  @ApiOkResponse({ type: LogDirListDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster or broker" })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("broker_id") rawBrokerId: string): V3List<LogDir> {
    const brokerId = pathInt(rawBrokerId);
    this.cluster.requireCluster(clusterId);
    if (brokerId !== this.broker.brokerId) throw httpError(404);
    const view = logDirView(links, clusterId, brokerId, this.broker.logDirStatus(), {
      corruptRanges: this.broker.corruptRanges(),
      offlinePartitions: this.broker.offlinePartitions(),
      scrubber: this.broker.scrubberState(),
    });
    return v3List("SkeinLogDirList", links.url("v3", "clusters", clusterId, "brokers", brokerId, "log-dirs"), [view]);
  }
}
