import { Controller, Get, Param } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { ClusterService } from "../cluster/cluster.service.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { ThroughputDto } from "./throughput.dto.js";
import { ThroughputService } from "./throughput.service.js";
import { AuthenticatedOnly } from "../security/route-security.js";

@ApiTags("Cluster activity (Skein)")
@Controller("v3/clusters/:cluster_id/throughput")
export class ThroughputController {
  constructor(
    private readonly cluster: ClusterService,
    private readonly throughput: ThroughputService,
  ) {}

  @Get()
  @AuthenticatedOnly("cluster-wide totals, naming no topic")
  @ApiOperation({ summary: "Records and bytes in and out per second, now and for the last 10 minutes (1 s samples)" })
  @ApiOkResponse({ type: ThroughputDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No cluster with this id" })
  get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string): ThroughputDto {
    this.cluster.requireCluster(clusterId);
    const { latest, history } = this.throughput.snapshot();
    return {
      kind: "SkeinThroughput",
      metadata: { self: links.url("v3", "clusters", clusterId, "throughput"), resource_name: `${links.crn("kafka", clusterId)}/throughput` },
      cluster_id: clusterId,
      records_in_per_sec: latest.records_in,
      records_out_per_sec: latest.records_out,
      bytes_in_per_sec: latest.bytes_in,
      bytes_out_per_sec: latest.bytes_out,
      history,
    };
  }
}
