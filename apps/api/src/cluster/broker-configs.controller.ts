import { Controller, Delete, Get, HttpCode, Param, Post, Put } from "@nestjs/common";
import { ApiBadRequestResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { pathInt } from "../common/path-params.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { V3Body } from "../common/v3-body.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { brokerConfigData, v3List, type BrokerConfigData, type V3List } from "../common/v3-resources.js";
import { AlterConfigBatchRequestDto, configChanges, UpdateConfigRequestDto } from "../common/v3-shared.dto.js";
import { BrokerConfigDataDto, BrokerConfigDataListDto } from "./broker-config.dto.js";
import { BrokerConfigsService } from "./broker-configs.service.js";
import { AuditedChange, CLUSTER, RequireAcl, param } from "../security/route-security.js";

@ApiTags("Configs (v3)")
@ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster, broker or config" })
@Controller("v3/clusters/:cluster_id/brokers")
export class BrokerConfigsController {
  constructor(private readonly configs: BrokerConfigsService) {}

  @Get("-/configs")
  @RequireAcl(["DESCRIBE_CONFIGS", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "List Dynamic Broker Configs", description: "The configs of every broker in the cluster." })
  @ApiOkResponse({ type: BrokerConfigDataListDto })
  listAll(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string): V3List<BrokerConfigData> {
    const data = this.configs.brokerIds().flatMap((brokerId) => this.configs.brokerConfigs(clusterId, brokerId).map((entry) => brokerConfigData(links, clusterId, brokerId, entry)));
    return v3List("KafkaBrokerConfigList", links.url("v3", "clusters", clusterId, "brokers", "-", "configs"), data);
  }

  @Get(":broker_id/configs")
  @RequireAcl(["DESCRIBE_CONFIGS", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "List Broker Configs" })
  @ApiOkResponse({ type: BrokerConfigDataListDto })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("broker_id") rawBrokerId: string): V3List<BrokerConfigData> {
    const brokerId = pathInt(rawBrokerId);
    const data = this.configs.brokerConfigs(clusterId, brokerId).map((entry) => brokerConfigData(links, clusterId, brokerId, entry));
    return v3List("KafkaBrokerConfigList", links.url("v3", "clusters", clusterId, "brokers", brokerId, "configs"), data);
  }

  @Post(":broker_id/configs::alter")
  @RequireAcl(["ALTER_CONFIGS", "CLUSTER", CLUSTER])
  @AuditedChange("ALTER_CONFIGS", "BROKER", param("broker_id"))
  @HttpCode(204)
  @ApiOperation({ summary: "Batch Alter Broker Configs", description: "Sets (SET) or resets (DELETE) several broker configs at once; all or nothing." })
  @ApiNoContentResponse({ description: "Altered" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An invalid value or a read-only config (40002)" })
  async alter(@Param("cluster_id") clusterId: string, @Param("broker_id") rawBrokerId: string, @V3Body() body: AlterConfigBatchRequestDto): Promise<void> {
    await this.configs.alterBrokerConfigs(clusterId, pathInt(rawBrokerId), configChanges(body), body.validate_only ?? false);
  }

  @Get(":broker_id/configs/:name")
  @RequireAcl(["DESCRIBE_CONFIGS", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "Get Broker Config" })
  @ApiOkResponse({ type: BrokerConfigDataDto })
  get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("broker_id") rawBrokerId: string, @Param("name") name: string): BrokerConfigData {
    const brokerId = pathInt(rawBrokerId);
    return brokerConfigData(links, clusterId, brokerId, this.configs.brokerConfig(clusterId, brokerId, name));
  }

  @Put(":broker_id/configs/:name")
  @RequireAcl(["ALTER_CONFIGS", "CLUSTER", CLUSTER])
  @AuditedChange("ALTER_CONFIGS", "BROKER", param("broker_id"))
  @HttpCode(204)
  @ApiOperation({ summary: "Update Broker Config" })
  @ApiNoContentResponse({ description: "Updated" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An invalid value or a read-only config (40002)" })
  async update(@Param("cluster_id") clusterId: string, @Param("broker_id") rawBrokerId: string, @Param("name") name: string, @V3Body() body: UpdateConfigRequestDto): Promise<void> {
    await this.configs.alterBrokerConfigs(clusterId, pathInt(rawBrokerId), [{ name, value: body.value }]);
  }

  @Delete(":broker_id/configs/:name")
  @RequireAcl(["ALTER_CONFIGS", "CLUSTER", CLUSTER])
  @AuditedChange("ALTER_CONFIGS", "BROKER", param("broker_id"))
  @HttpCode(204)
  @ApiOperation({ summary: "Reset Broker Config", description: "Back to the value the broker inherits." })
  @ApiNoContentResponse({ description: "Reset" })
  async reset(@Param("cluster_id") clusterId: string, @Param("broker_id") rawBrokerId: string, @Param("name") name: string): Promise<void> {
    await this.configs.alterBrokerConfigs(clusterId, pathInt(rawBrokerId), [{ name, value: null }]);
  }
}
