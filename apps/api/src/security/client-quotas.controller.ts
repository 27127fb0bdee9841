import { Body, Controller, Get, HttpCode, Param, Post, Query } from "@nestjs/common";
import { ApiBody, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from "@nestjs/swagger";
import { formatQuotaEntity, type ClientQuotaAlteration, type ClientQuotaEntity, type ClientQuotaFilter } from "@skein/broker";
import { ClusterService } from "../cluster/cluster.service.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { v3List, type V3List } from "../common/v3-resources.js";
import { restErrorForKafka } from "../errors/kafka-error-mapping.js";
import { RestError } from "../errors/rest-error.js";
import { HttpAuthorizer } from "./http-authorizer.js";
import { Identity, type HttpIdentity } from "./http-identity.js";
import { CLUSTER, RequireAcl } from "./route-security.js";
import { AlterClientQuotasRequestDto, ClientQuotaDataListDto } from "./security.dto.js";
import { ServiceSecurity } from "./service-security.js";

/** An entity in REST's shape: `user` and `client_id`, null for `<default>`, absent when not part of the entity. */
type RestEntity = { user?: string | null; client_id?: string | null };

function restEntity(entity: ClientQuotaEntity): RestEntity {
  return { ...(entity.user !== undefined ? { user: entity.user } : {}), ...(entity["client-id"] !== undefined ? { client_id: entity["client-id"] } : {}) };
}

function entityOf(value: unknown, where: string): ClientQuotaEntity {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new RestError(422, 42206, `Payload error. ${where}.entity is required: {"user": ..., "client_id": ...}.`);
  const entity: ClientQuotaEntity = {};
  for (const [field, type] of [
    ["user", "user"],
    ["client_id", "client-id"],
  ] as const) {
    const name = (value as Record<string, unknown>)[field];
    if (name === undefined) continue;
    if (name !== null && (typeof name !== "string" || name === "")) throw new RestError(400, 40002, `${where}.entity.${field} must be a non-empty string, or null for <default>.`);
    entity[type] = name as string | null;
  }
  const unknown = Object.keys(value).filter((k) => k !== "user" && k !== "client_id");
  if (unknown.length > 0) throw new RestError(400, 40002, `${where}.entity: unknown entity type ${unknown[0]} (user and client_id only).`);
  if (Object.keys(entity).length === 0) throw new RestError(400, 40002, `${where}.entity must name a user, a client_id or both.`);
  return entity;
}

/**
 * Kafka's client quotas over REST (Skein's extension; `kafka-configs --entity-type users|clients` on the wire): the
 * same quotas the Kafka listener enforces. Describing needs DESCRIBE_CONFIGS on the cluster and altering
 * ALTER_CONFIGS, as DescribeClientQuotas and AlterClientQuotas do.
 */
@ApiTags("Client quotas (Skein)")
@ApiForbiddenResponse({ type: ErrorDto, description: "Not authorized (40301)" })
@Controller("v3/clusters/:cluster_id")
export class ClientQuotasController {
  constructor(
    private readonly cluster: ClusterService,
    private readonly security: ServiceSecurity,
    private readonly authz: HttpAuthorizer,
  ) {}

  @Get("client-quotas")
  @RequireAcl(["DESCRIBE_CONFIGS", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "List client quotas", description: "Every entity with a quota; ?user= and ?client_id= select by name (an empty value selects <default>)." })
  @ApiQuery({ name: "user", required: false })
  @ApiQuery({ name: "client_id", required: false })
  @ApiOkResponse({ type: ClientQuotaDataListDto })
  list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Query("user") user?: string, @Query("client_id") clientId?: string) {
    this.cluster.requireCluster(clusterId);
    const components: ClientQuotaFilter["components"] = [];
    if (user !== undefined) components.push({ entityType: "user", match: user === "" ? { kind: "default" } : { kind: "exact", name: user } });
    if (clientId !== undefined) components.push({ entityType: "client-id", match: clientId === "" ? { kind: "default" } : { kind: "exact", name: clientId } });
    const entries = this.security.broker.quotas.describeClientQuotas({ components, strict: false });
    const data = entries.map((e) => ({ kind: "SkeinClientQuota", cluster_id: clusterId, entity: restEntity(e.entity), quotas: e.quotas }));
    return v3List("SkeinClientQuotaList", links.url("v3", "clusters", clusterId, "client-quotas"), data) as V3List<unknown>;
  }

  @Post("client-quotas::alter")
  @HttpCode(204)
  @RequireAcl(["ALTER_CONFIGS", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "Alter client quotas", description: "Sets (a value) or removes (null) quota keys of each entity; all valid or nothing stored." })
  @ApiBody({ type: AlterClientQuotasRequestDto })
  @ApiNoContentResponse({ description: "Altered (or validated only)" })
  async alter(@Param("cluster_id") clusterId: string, @Body() body: unknown, @Identity() identity: HttpIdentity): Promise<void> {
    this.cluster.requireCluster(clusterId);
    const data = (body as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data) || data.length === 0) throw new RestError(422, 42206, "Payload error. data is required: a non-empty array of {entity, changes}.");
    const alterations: ClientQuotaAlteration[] = data.map((item, i) => {
      const changes = (item as { changes?: unknown } | null)?.changes;
      if (!Array.isArray(changes) || changes.length === 0) throw new RestError(422, 42206, `Payload error. data[${i}].changes is required: a non-empty array of {key, value}.`);
      return {
        entity: entityOf((item as { entity?: unknown }).entity, `data[${i}]`),
        changes: changes.map((c, j) => {
          const { key, value } = (c ?? {}) as { key?: unknown; value?: unknown };
          if (typeof key !== "string") throw new RestError(422, 42206, `Payload error. data[${i}].changes[${j}].key is required.`);
          if (value !== null && typeof value !== "number") throw new RestError(400, 40002, `data[${i}].changes[${j}].value must be a number, or null to remove the quota.`);
          return { key, value: value as number | null };
        }),
      };
    });
    const validateOnly = (body as { validate_only?: unknown }).validate_only === true;
    const quotas = this.security.broker.quotas;
    // Checked together first, so that nothing is stored when one alteration is invalid.
    const checked = await quotas.alterClientQuotas(alterations, true);
    const invalid = checked.find((e) => e !== null);
    if (invalid) throw restErrorForKafka(invalid);
    if (validateOnly) return;
    const results = await quotas.alterClientQuotas(alterations);
    alterations.forEach((a, i) => {
      const error = results[i];
      const detail = a.changes.map((c) => `${c.key}=${c.value ?? "(removed)"}`).join(", ");
      this.authz.audit(identity, "ALTER_CONFIGS", "CLIENT_QUOTA", formatQuotaEntity(a.entity), error ? "failure" : "success", "POST /v3/clusters/{c}/client-quotas:alter", error ? `${detail}: ${error.message}` : detail);
    });
    const failed = results.find((e) => e !== null);
    if (failed) throw restErrorForKafka(failed);
  }
}
