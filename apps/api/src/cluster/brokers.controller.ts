import { Controller, Get, Param } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { pathInt } from "../common/path-params.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { httpError } from "../errors/rest-error.js";
import { BrokerDataDto, BrokerDataListDto } from "./broker.dto.js";
import { ClusterService } from "./cluster.service.js";
import { brokerData } from "./cluster-views.js";
import { AuthenticatedOnly } from "../security/route-security.js";

@ApiTags("Broker (v3)")
@Controller("v3/clusters/:cluster_id/brokers")
export class BrokersController {
  constructor(private readonly cluster: ClusterService) {}

  @Get()
  @AuthenticatedOnly("the brokers, as Kafka's Metadata tells any client")
  @ApiOperation({ summary: "List Brokers" })
  @ApiOkResponse({ type: BrokerDataListDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No cluster with this id" })
  async list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string): Promise<BrokerDataListDto> {
    this.cluster.requireCluster(clusterId);
    const brokers = await this.cluster.brokers();
    return {
      kind: "KafkaBrokerList",
      metadata: { self: links.url("v3", "clusters", clusterId, "brokers"), next: null },
      data: brokers.map((broker) => brokerData(links, clusterId, broker)),
    };
  }

  @Get(":broker_id")
  @AuthenticatedOnly("the brokers, as Kafka's Metadata tells any client")
  @ApiOperation({ summary: "Get Broker" })
  @ApiOkResponse({ type: BrokerDataDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster or broker" })
  async get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("broker_id") rawBrokerId: string): Promise<BrokerDataDto> {
    const brokerId = pathInt(rawBrokerId);
    this.cluster.requireCluster(clusterId);
    const broker = (await this.cluster.brokers()).find((candidate) => candidate.brokerId === brokerId);
    if (!broker) throw httpError(404);
    return brokerData(links, clusterId, broker);
  }
}
