import { Controller, Get, Param } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { pathInt } from "../common/path-params.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { replicasOf, v3List, type ReplicaData, type V3List } from "../common/v3-resources.js";
import { ReplicaDataListDto } from "../common/v3-shared.dto.js";
import { BrokerConfigsService } from "./broker-configs.service.js";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import { Identity, type HttpIdentity } from "../security/http-identity.js";
import { AuthorizeInHandler } from "../security/route-security.js";

@ApiTags("Broker (v3)", "Replica (v3)")
@Controller("v3/clusters/:cluster_id/brokers/:broker_id/partition-replicas")
export class BrokerReplicasController {
  constructor(
    private readonly brokers: BrokerConfigsService,
    private readonly authz: HttpAuthorizer,
  ) {}

  @Get()
  @AuthorizeInHandler("lists the replicas of the topics the principal may DESCRIBE")
  @ApiOperation({ summary: "List Replicas by Broker", description: "Every partition replica the broker hosts, internal topics included." })
  @ApiOkResponse({ type: ReplicaDataListDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster or broker" })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("broker_id") rawBrokerId: string, @Identity() identity: HttpIdentity): V3List<ReplicaData> {
    const brokerId = pathInt(rawBrokerId);
    const data = this.authz
      .filter(identity, "DESCRIBE", "TOPIC", this.brokers.topicsWithReplicasOn(clusterId, brokerId), (topic) => topic.name)
      .flatMap((topic) => topic.partitions.flatMap((partition) => replicasOf(links, clusterId, topic.name, partition)))
      .filter((replica) => replica.broker_id === brokerId);
    return v3List("KafkaReplicaList", links.url("v3", "clusters", clusterId, "brokers", brokerId, "partition-replicas"), data);
  }
}
