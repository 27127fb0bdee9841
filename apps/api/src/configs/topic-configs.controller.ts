import { Controller, Delete, Get, HttpCode, Param, Post, Put } from "@nestjs/common";
import { ApiBadRequestResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { V3Body } from "../common/v3-body.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { topicConfigData, v3List, type TopicConfigData, type V3List } from "../common/v3-resources.js";
import { AlterConfigBatchRequestDto, configChanges, UpdateConfigRequestDto } from "../common/v3-shared.dto.js";
import { TopicConfigDataDto, TopicConfigDataListDto } from "./topic-config.dto.js";
import { TopicConfigsService } from "./topic-configs.service.js";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import { Identity, type HttpIdentity } from "../security/http-identity.js";
import { AuditedChange, AuthorizeInHandler, RequireAcl, param } from "../security/route-security.js";

@ApiTags("Configs (v3)")
@ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster (404), topic (40403) or config (404)" })
@Controller("v3/clusters/:cluster_id/topics")
export class TopicConfigsController {
  constructor(
    private readonly configs: TopicConfigsService,
    private readonly authz: HttpAuthorizer,
  ) {}

  @Get("-/configs")
  @AuthorizeInHandler("the configs of the topics the principal may DESCRIBE_CONFIGS")
  @ApiOperation({ summary: "List All Topic Configs", description: "The configs of every topic of the cluster." })
  @ApiOkResponse({ type: TopicConfigDataListDto })
  listAll(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Identity() identity: HttpIdentity): V3List<TopicConfigData> {
    const readable = this.authz.filter(identity, "DESCRIBE_CONFIGS", "TOPIC", this.configs.listAll(clusterId), (topic) => topic.topicName);
    const data = readable.flatMap(({ topicName, configs }) => configs.map((entry) => topicConfigData(links, clusterId, topicName, entry)));
    return v3List("KafkaTopicConfigList", links.url("v3", "clusters", clusterId, "topics", "-", "configs"), data);
  }

  @Get(":topic_name/configs")
  @RequireAcl(["DESCRIBE_CONFIGS", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "List Topic Configs" })
  @ApiOkResponse({ type: TopicConfigDataListDto })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string): V3List<TopicConfigData> {
    const data = this.configs.list(clusterId, topicName).map((entry) => topicConfigData(links, clusterId, topicName, entry));
    return v3List("KafkaTopicConfigList", links.url("v3", "clusters", clusterId, "topics", topicName, "configs"), data);
  }

  @Post(":topic_name/configs::alter")
  @RequireAcl(["ALTER_CONFIGS", "TOPIC", param("topic_name")])
  @AuditedChange("ALTER_CONFIGS", "TOPIC", param("topic_name"))
  @HttpCode(204)
  @ApiOperation({ summary: "Batch Alter Topic Configs", description: "SET or DELETE several configs at once, all or nothing; `validate_only` changes nothing." })
  @ApiNoContentResponse({ description: "Altered (or validated)" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An invalid value (40002)" })
  async alter(@Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @V3Body() body: AlterConfigBatchRequestDto): Promise<void> {
    await this.configs.alter(clusterId, topicName, configChanges(body), body.validate_only ?? false);
  }

  @Get(":topic_name/configs/:name")
  @RequireAcl(["DESCRIBE_CONFIGS", "TOPIC", param("topic_name")])
  @ApiOperation({ summary: "Get Topic Config" })
  @ApiOkResponse({ type: TopicConfigDataDto })
  get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @Param("name") name: string): TopicConfigData {
    return topicConfigData(links, clusterId, topicName, this.configs.get(clusterId, topicName, name));
  }

  @Put(":topic_name/configs/:name")
  @RequireAcl(["ALTER_CONFIGS", "TOPIC", param("topic_name")])
  @AuditedChange("ALTER_CONFIGS", "TOPIC", param("topic_name"))
  @HttpCode(204)
  @ApiOperation({ summary: "Update Topic Config" })
  @ApiNoContentResponse({ description: "Updated" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An invalid value (40002)" })
  async update(
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Param("name") name: string,
    @V3Body() body: UpdateConfigRequestDto,
  ): Promise<void> {
    await this.configs.alter(clusterId, topicName, [{ name, value: body.value }]);
  }

  @Delete(":topic_name/configs/:name")
  @RequireAcl(["ALTER_CONFIGS", "TOPIC", param("topic_name")])
  @AuditedChange("ALTER_CONFIGS", "TOPIC", param("topic_name"))
  @HttpCode(204)
  @ApiOperation({ summary: "Reset Topic Config", description: "Removes the topic's override: the value is inherited again." })
  @ApiNoContentResponse({ description: "Reset" })
  async reset(@Param("cluster_id") clusterId: string, @Param("topic_name") topicName: string, @Param("name") name: string): Promise<void> {
    await this.configs.alter(clusterId, topicName, [{ name, value: null }]);
  }
}
