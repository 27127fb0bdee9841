import { Controller, Delete, Get, HttpCode, Param, Post, Put } from "@nestjs/common";
import { ApiBadRequestResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { V3Body } from "../common/v3-body.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { clusterConfigData, v3List, type ClusterConfigData, type V3List } from "../common/v3-resources.js";
import { AlterConfigBatchRequestDto, configChanges, UpdateConfigRequestDto } from "../common/v3-shared.dto.js";
import { ClusterConfigDataDto, ClusterConfigDataListDto } from "./broker-config.dto.js";
import { BrokerConfigsService } from "./broker-configs.service.js";
import { AuditedChange, CLUSTER, RequireAcl } from "../security/route-security.js";

/** Dynamic cluster-wide broker configs: the defaults every broker (and every topic that inherits them) follows. */
@ApiTags("Configs (v3)")
@ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster, or the config is not set cluster-wide" })
@Controller("v3/clusters/:cluster_id")
export class ClusterConfigsController {
  constructor(private readonly configs: BrokerConfigsService) {}

  @Get("broker-configs")
  @RequireAcl(["DESCRIBE_CONFIGS", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "List Dynamic Broker Configs", description: "Only the configs set cluster-wide; empty when none is." })
  @ApiOkResponse({ type: ClusterConfigDataListDto })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string): V3List<ClusterConfigData> {
    const data = this.configs.clusterConfigs(clusterId).map((entry) => clusterConfigData(links, clusterId, entry));
    return v3List("KafkaClusterConfigList", links.url("v3", "clusters", clusterId, "broker-configs"), data);
  }

  @Post("broker-configs::alter")
  @RequireAcl(["ALTER_CONFIGS", "CLUSTER", CLUSTER])
  @AuditedChange("ALTER_CONFIGS", "BROKER", { literal: "<default>" })
  @HttpCode(204)
  @ApiOperation({ summary: "Batch Alter Dynamic Broker Configs" })
  @ApiNoContentResponse({ description: "Altered" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An invalid value or a read-only config (40002)" })
  async alter(@Param("cluster_id") clusterId: string, @V3Body() body: AlterConfigBatchRequestDto): Promise<void> {
    await this.configs.alterClusterConfigs(clusterId, configChanges(body), body.validate_only ?? false);
  }

  @Get("broker-configs/:name")
  @RequireAcl(["DESCRIBE_CONFIGS", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "Get Dynamic Broker Config" })
  @ApiOkResponse({ type: ClusterConfigDataDto })
  get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("name") name: string): ClusterConfigData {
    return clusterConfigData(links, clusterId, this.configs.clusterConfig(clusterId, name));
  }

  @Put("broker-configs/:name")
  @RequireAcl(["ALTER_CONFIGS", "CLUSTER", CLUSTER])
  @AuditedChange("ALTER_CONFIGS", "BROKER", { literal: "<default>" })
  @HttpCode(204)
  @ApiOperation({ summary: "Update Dynamic Broker Config" })
  @ApiNoContentResponse({ description: "Updated" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An invalid value or a read-only config (40002)" })
  async update(@Param("cluster_id") clusterId: string, @Param("name") name: string, @V3Body() body: UpdateConfigRequestDto): Promise<void> {
    await this.configs.alterClusterConfigs(clusterId, [{ name, value: body.value }]);
  }

  @Delete("broker-configs/:name")
  @RequireAcl(["ALTER_CONFIGS", "CLUSTER", CLUSTER])
  @AuditedChange("ALTER_CONFIGS", "BROKER", { literal: "<default>" })
  @HttpCode(204)
  @ApiOperation({ summary: "Reset Dynamic Broker Config", description: "Removes the cluster-wide value." })
  @ApiNoContentResponse({ description: "Reset" })
  async reset(@Param("cluster_id") clusterId: string, @Param("name") name: string): Promise<void> {
    await this.configs.resetClusterConfig(clusterId, name);
  }
}
