import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from "@nestjs/common";
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from "@nestjs/swagger";
import { formatAcl, KafkaError, SecurityDisabledError, validateAclBinding, type AclBinding, type Authorizer } from "@skein/broker";
import { ClusterService } from "../cluster/cluster.service.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { v3List, type V3List } from "../common/v3-resources.js";
import { RestError } from "../errors/rest-error.js";
import { restErrorForKafka } from "../errors/kafka-error-mapping.js";
import { aclData, aclFilterFromQuery, aclFromCreateRequest, type AclData } from "./acl-rest.js";
import { HttpAuthorizer } from "./http-authorizer.js";
import { Identity, type HttpIdentity } from "./http-identity.js";
import { CLUSTER, RequireAcl } from "./route-security.js";
import { ServiceSecurity } from "./service-security.js";
import { AclDataListDto, BatchCreateAclRequestDto, CreateAclRequestDto, DeleteAclsResponseDto } from "./security.dto.js";

const FILTER_QUERIES = ["resource_type", "resource_name", "pattern_type", "principal", "host", "operation", "permission"];

/**
 * The REST Proxy's v3 ACL resources over the engine's authorizer, the same ACLs the Kafka listener's CreateAcls,
 * DescribeAcls and DeleteAcls see: listing needs DESCRIBE on the cluster, changes need ALTER, as in Kafka; without
 * an authorizer every call is 400/40002 "Security features are disabled".
 */
@ApiTags("ACL (v3)")
@ApiForbiddenResponse({ type: ErrorDto, description: "Not authorized (40301)" })
@Controller("v3/clusters/:cluster_id")
export class AclsController {
  constructor(
    private readonly cluster: ClusterService,
    private readonly security: ServiceSecurity,
    private readonly authz: HttpAuthorizer,
  ) {}

  @Get("acls")
  @RequireAcl(["DESCRIBE", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "List ACLs", description: "The ACLs matching every given filter; pattern_type=MATCH finds the ACLs that apply to resource_name." })
  @ApiOkResponse({ type: AclDataListDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An unknown enum value (400), or security disabled (40002)" })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Query() query: Record<string, unknown>): V3List<AclData> {
    const authorizer = this.authorizer(clusterId);
    const acls = authorizer.acls(aclFilterFromQuery(query, false));
    const search = new URLSearchParams(FILTER_QUERIES.flatMap((name): [string, string][] => (typeof query[name] === "string" ? [[name, query[name] as string]] : []))).toString();
    return v3List("KafkaAclList", `${links.url("v3", "clusters", clusterId, "acls")}${search ? `?${search}` : ""}`, acls.map((acl) => aclData(links, clusterId, acl)));
  }

  @Post("acls")
  @HttpCode(201)
  @RequireAcl(["ALTER", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "Create an ACL" })
  @ApiBody({ type: CreateAclRequestDto })
  @ApiCreatedResponse({ description: "Created (an ACL that exists already is no error, as in Kafka)" })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An invalid ACL (40002), e.g. a CLUSTER name other than kafka-cluster" })
  async create(@Param("cluster_id") clusterId: string, @Body() body: unknown, @Identity() identity: HttpIdentity): Promise<void> {
    await this.createAll(clusterId, [aclFromCreateRequest(body)], identity, "POST /v3/clusters/{c}/acls");
  }

  @Post("acls::batch")
  @HttpCode(201)
  @RequireAcl(["ALTER", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "Batch Create ACLs", description: "All or none: every ACL is checked first." })
  @ApiBody({ type: BatchCreateAclRequestDto })
  @ApiCreatedResponse({ description: "Created" })
  async batchCreate(@Param("cluster_id") clusterId: string, @Body() body: unknown, @Identity() identity: HttpIdentity): Promise<void> {
    const data = (body as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data) || data.length === 0) throw new RestError(422, 42206, "Payload error. data is required: a non-empty array of ACLs.");
    await this.createAll(clusterId, data.map(aclFromCreateRequest), identity, "POST /v3/clusters/{c}/acls:batch");
  }

  @Delete("acls")
  @RequireAcl(["ALTER", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "Delete ACLs", description: "Deletes every ACL the filter matches; resource_type, pattern_type, operation and permission are required (ANY allowed)." })
  @ApiQuery({ name: "resource_type", required: true })
  @ApiQuery({ name: "pattern_type", required: true })
  @ApiQuery({ name: "operation", required: true })
  @ApiQuery({ name: "permission", required: true })
  @ApiOkResponse({ type: DeleteAclsResponseDto })
  async delete(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Query() query: Record<string, unknown>, @Identity() identity: HttpIdentity): Promise<{ data: AclData[] }> {
    const authorizer = this.authorizer(clusterId);
    const [result] = await authorizer.deleteAcls([aclFilterFromQuery(query, true)]);
    for (const binding of result!.deleted) this.auditAcl(identity, "DELETE", binding, result!.error, "DELETE /v3/clusters/{c}/acls");
    if (result!.error !== null) throw restErrorForKafka(result!.error);
    return { data: result!.deleted.map((acl) => aclData(links, clusterId, acl)) };
  }

  private async createAll(clusterId: string, bindings: AclBinding[], identity: HttpIdentity, request: string): Promise<void> {
    const authorizer = this.authorizer(clusterId);
    // Every ACL is checked before any is stored: a batch is all or nothing.
    for (const binding of bindings) {
      try {
        validateAclBinding(binding);
      } catch (error) {
        throw error instanceof KafkaError ? restErrorForKafka(error) : error;
      }
    }
    const errors = await authorizer.createAcls(bindings);
    bindings.forEach((binding, i) => this.auditAcl(identity, "CREATE", binding, errors[i] ?? null, request));
    const failed = errors.find((error): error is KafkaError => error !== null);
    if (failed) throw restErrorForKafka(failed);
  }

  private auditAcl(identity: HttpIdentity, operation: "CREATE" | "DELETE", binding: AclBinding, error: KafkaError | null, request: string): void {
    this.authz.audit(identity, operation, "ACL", formatAcl(binding), error === null ? "success" : "failure", request, error?.message);
  }

  private authorizer(clusterId: string): Authorizer {
    this.cluster.requireCluster(clusterId);
    const authorizer = this.security.broker.authorizer;
    if (authorizer === null) throw restErrorForKafka(new SecurityDisabledError("No Authorizer is configured."));
    return authorizer;
  }
}
