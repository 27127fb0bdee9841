import { Controller, Get, Param } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { httpError } from "../errors/rest-error.js";
import { ClusterDataDto, ClusterDataListDto } from "./cluster.dto.js";
import { ClusterService } from "./cluster.service.js";
import { clusterData } from "./cluster-views.js";
import { AuthenticatedOnly } from "../security/route-security.js";

@ApiTags("Cluster (v3)")
@Controller("v3/clusters")
export class ClustersController {
  constructor(private readonly cluster: ClusterService) {}

  @Get()
  @AuthenticatedOnly("the cluster, as Kafka's Metadata and DescribeCluster tell any client")
  @ApiOperation({ summary: "List Clusters", description: "The one cluster this service is." })
  @ApiOkResponse({ type: ClusterDataListDto })
  list(@Links() links: ResourceLinks): ClusterDataListDto {
    return {
      kind: "KafkaClusterList",
      metadata: { self: links.url("v3", "clusters"), next: null },
      data: [clusterData(links, this.cluster.clusterId, this.cluster.controllerId)],
    };
  }

  @Get(":cluster_id")
  @AuthenticatedOnly("the cluster, as Kafka's Metadata and DescribeCluster tell any client")
  @ApiOperation({ summary: "Get Cluster" })
  @ApiOkResponse({ type: ClusterDataDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No cluster with this id" })
  get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string): ClusterDataDto {
    // The REST Proxy answers a plain 404 here (and "Cluster <id> cannot be found." below the cluster).
    if (clusterId !== this.cluster.clusterId) throw httpError(404);
    return clusterData(links, clusterId, this.cluster.controllerId);
  }
}
