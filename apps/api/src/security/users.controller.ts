import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Res } from "@nestjs/common";
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { userPrincipal } from "@skein/broker";
import type { FastifyReply } from "fastify";
import { ClusterService } from "../cluster/cluster.service.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { v3List, type V3List } from "../common/v3-resources.js";
import { RestError } from "../errors/rest-error.js";
import type { ApiKeyInfo } from "./api-keys.js";
import { AUTHENTICATION_FAILED } from "./http-auth-error.js";
import { HttpAuthorizer } from "./http-authorizer.js";
import { Identity, type HttpIdentity } from "./http-identity.js";
import { AuditedChange, AuthorizeInHandler, CLUSTER, param, RequireAcl } from "./route-security.js";
import { ServiceSecurity } from "./service-security.js";
import { ApiKeyDataDto, ApiKeyDataListDto, CreateApiKeyRequestDto, CreateUserRequestDto, SetPasswordRequestDto, UserDataDto, UserDataListDto } from "./security.dto.js";
import { checkUserName, type UserAccount } from "./user-accounts.js";

interface UserData {
  kind: "SkeinUser";
  metadata: { self: string; resource_name: string };
  cluster_id: string;
  user_name: string;
  principal: string;
  has_password: boolean;
  scram_credentials: { mechanism: string; iterations: number }[];
  api_keys_count: number;
  super_user: boolean;
  created_at: number | null;
  updated_at: number | null;
}

interface ApiKeyData {
  kind: "SkeinApiKey";
  metadata: { self: string; resource_name: string };
  key_id: string;
  user_name: string;
  description: string;
  created_at: number;
  last_used_at: number | null;
  secret?: string;
}

function stringField(body: unknown, field: string, required: boolean): string | undefined {
  const value = (body as Record<string, unknown> | null | undefined)?.[field];
  if (value === undefined || value === null) {
    if (required) throw new RestError(422, 42206, `Payload error. ${field} is required.`);
    return undefined;
  }
  if (typeof value !== "string") throw new RestError(400, 400, `${field} must be a string.`);
  return value;
}

/**
 * Skein's users and API keys (v3-style extensions): users in the metadata database with one password for HTTP and
 * Kafka's SCRAM; keys for programs. Managing others needs what Kafka asks for SCRAM credentials (DESCRIBE or ALTER on
 * the cluster); signed-in users may always see themselves, change their own password (giving the current one) and
 * manage their own API keys, which act as them.
 */
@ApiTags("Users and API keys (Skein)")
@ApiForbiddenResponse({ type: ErrorDto, description: "Not authorized (40301)" })
@Controller("v3/clusters/:cluster_id")
export class UsersController {
  constructor(
    private readonly cluster: ClusterService,
    private readonly security: ServiceSecurity,
    private readonly authz: HttpAuthorizer,
  ) {}

  @Get("users")
  @RequireAcl(["DESCRIBE", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "List users", description: "Users with an HTTP password or a SCRAM credential; never a hash, salt or key." })
  @ApiOkResponse({ type: UserDataListDto })
  async list(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string): Promise<V3List<UserData>> {
    this.cluster.requireCluster(clusterId);
    const users = await this.security.users.list();
    return v3List("SkeinUserList", links.url("v3", "clusters", clusterId, "users"), users.map((u) => this.userData(links, clusterId, u)));
  }

  @Post("users")
  @HttpCode(201)
  @RequireAcl(["ALTER", "CLUSTER", CLUSTER])
  @AuditedChange("CREATE", "USER", { body: "user_name" })
  @ApiOperation({ summary: "Create a user", description: "Stores an scrypt hash for HTTP and SCRAM-SHA-256/512 credentials for the wire, made from one password." })
  @ApiBody({ type: CreateUserRequestDto })
  @ApiCreatedResponse({ type: UserDataDto })
  @ApiConflictResponse({ type: ErrorDto, description: "The user exists (409)" })
  async create(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Body() body: unknown): Promise<UserData> {
    this.cluster.requireCluster(clusterId);
    const name = stringField(body, "user_name", true)!;
    const user = await this.security.users.create(name, stringField(body, "password", true)!);
    return this.userData(links, clusterId, user);
  }

  @Get("users/:user_name")
  @AuthorizeInHandler("yourself, or DESCRIBE on the cluster")
  @ApiOperation({ summary: "Get a user" })
  @ApiOkResponse({ type: UserDataDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No such user (404)" })
  async get(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("user_name") name: string, @Identity() identity: HttpIdentity): Promise<UserData> {
    this.cluster.requireCluster(clusterId);
    if (!this.isSelf(identity, name)) this.authz.requireCluster(identity, "DESCRIBE", "GET /v3/clusters/{c}/users/{user}");
    const user = await this.security.users.get(name);
    if (user === null) throw new RestError(404, 404, `User ${name} not found.`);
    return this.userData(links, clusterId, user);
  }

  @Put("users/:user_name/password")
  @HttpCode(204)
  @AuthorizeInHandler("ALTER on the cluster, or yourself with your current password")
  @AuditedChange("ALTER", "USER", param("user_name"))
  @ApiOperation({ summary: "Set a user's password", description: "Replaces the HTTP hash and both SCRAM credentials; makes the user when missing (ALTER on the cluster)." })
  @ApiBody({ type: SetPasswordRequestDto })
  @ApiNoContentResponse({ description: "Set" })
  async setPassword(@Param("cluster_id") clusterId: string, @Param("user_name") name: string, @Body() body: unknown, @Identity() identity: HttpIdentity): Promise<void> {
    this.cluster.requireCluster(clusterId);
    const password = stringField(body, "password", true)!;
    if (!this.authz.authorize(identity, "ALTER", "CLUSTER", "kafka-cluster")) {
      if (!this.isSelf(identity, name)) this.authz.requireCluster(identity, "ALTER", "PUT /v3/clusters/{c}/users/{user}/password");
      const current = stringField(body, "current_password", true)!;
      if (!(await this.currentPasswordMatches(name, current))) throw new RestError(401, AUTHENTICATION_FAILED, "The current password is wrong.");
    }
    checkUserName(name);
    await this.security.users.setPassword(name, password);
  }

  @Delete("users/:user_name")
  @HttpCode(204)
  @RequireAcl(["ALTER", "CLUSTER", CLUSTER])
  @AuditedChange("DELETE", "USER", param("user_name"))
  @ApiOperation({ summary: "Delete a user", description: "Its password, SCRAM credentials, API keys and sessions go; its ACLs stay, as in Kafka." })
  @ApiNoContentResponse({ description: "Deleted" })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No such user (404)" })
  async delete(@Param("cluster_id") clusterId: string, @Param("user_name") name: string): Promise<void> {
    this.cluster.requireCluster(clusterId);
    if (!(await this.security.users.delete(name))) throw new RestError(404, 404, `User ${name} not found.`);
  }

  @Get("api-keys")
  @RequireAcl(["DESCRIBE", "CLUSTER", CLUSTER])
  @ApiOperation({ summary: "List every API key" })
  @ApiOkResponse({ type: ApiKeyDataListDto })
  async allKeys(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string): Promise<V3List<ApiKeyData>> {
    this.cluster.requireCluster(clusterId);
    return v3List("SkeinApiKeyList", links.url("v3", "clusters", clusterId, "api-keys"), (await this.security.apiKeys.list()).map((k) => this.keyData(links, clusterId, k)));
  }

  @Get("users/:user_name/api-keys")
  @AuthorizeInHandler("yourself, or DESCRIBE on the cluster")
  @ApiOperation({ summary: "List a user's API keys" })
  @ApiOkResponse({ type: ApiKeyDataListDto })
  async keys(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Param("user_name") name: string, @Identity() identity: HttpIdentity): Promise<V3List<ApiKeyData>> {
    this.cluster.requireCluster(clusterId);
    if (!this.isSelf(identity, name)) this.authz.requireCluster(identity, "DESCRIBE", "GET /v3/clusters/{c}/users/{user}/api-keys");
    const keys = await this.security.apiKeys.list(name);
    return v3List("SkeinApiKeyList", links.url("v3", "clusters", clusterId, "users", name, "api-keys"), keys.map((k) => this.keyData(links, clusterId, k)));
  }

  @Post("users/:user_name/api-keys")
  @HttpCode(201)
  @AuthorizeInHandler("yourself, or ALTER on the cluster")
  @AuditedChange("CREATE", "API_KEY", param("user_name"))
  @ApiOperation({ summary: "Create an API key", description: "The answer carries the secret, once: it is stored as a hash. Use the key id and secret as HTTP Basic credentials." })
  @ApiBody({ type: CreateApiKeyRequestDto })
  @ApiCreatedResponse({ type: ApiKeyDataDto })
  async createKey(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("user_name") name: string,
    @Body() body: unknown,
    @Identity() identity: HttpIdentity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyData> {
    this.cluster.requireCluster(clusterId);
    if (!this.isSelf(identity, name)) this.authz.requireCluster(identity, "ALTER", "POST /v3/clusters/{c}/users/{user}/api-keys");
    if ((await this.security.users.get(name)) === null) throw new RestError(404, 404, `User ${name} not found.`);
    const description = stringField(body, "description", false) ?? "";
    if (description.length > 256) throw new RestError(400, 40002, "description must be at most 256 characters.");
    const key = await this.security.apiKeys.create(name, description);
    void reply.header("cache-control", "no-store");
    return { ...this.keyData(links, clusterId, key), secret: key.secret };
  }

  @Delete("users/:user_name/api-keys/:key_id")
  @HttpCode(204)
  @AuthorizeInHandler("yourself, or ALTER on the cluster")
  @AuditedChange("DELETE", "API_KEY", param("key_id"))
  @ApiOperation({ summary: "Delete an API key" })
  @ApiNoContentResponse({ description: "Deleted" })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No such key for this user (404)" })
  async deleteKey(@Param("cluster_id") clusterId: string, @Param("user_name") name: string, @Param("key_id") keyId: string, @Identity() identity: HttpIdentity): Promise<void> {
    this.cluster.requireCluster(clusterId);
    if (!this.isSelf(identity, name)) this.authz.requireCluster(identity, "ALTER", "DELETE /v3/clusters/{c}/users/{user}/api-keys/{key}");
    const key = await this.security.apiKeys.get(keyId);
    if (key === null || key.user !== name) throw new RestError(404, 404, `API key ${keyId} of user ${name} not found.`);
    await this.security.apiKeys.delete(keyId);
  }

  /** Signed-in users act on themselves (never an anonymous request, which has no account). */
  private isSelf(identity: HttpIdentity, name: string): boolean {
    return identity.method !== "none" && identity.principal.principalType === "User" && identity.principal.name === name;
  }

  private async currentPasswordMatches(name: string, password: string): Promise<boolean> {
    const http = await this.security.users.verifyPassword(name, password);
    if (http !== null) return http;
    return this.security.broker.authenticator.verifyPlain(name, password);
  }

  private userData(links: ResourceLinks, clusterId: string, user: UserAccount): UserData {
    return {
      kind: "SkeinUser",
      metadata: { self: links.url("v3", "clusters", clusterId, "users", user.name), resource_name: links.crn("kafka", clusterId, "user", user.name) },
      cluster_id: clusterId,
      user_name: user.name,
      principal: `User:${user.name}`,
      has_password: user.hasPassword,
      scram_credentials: user.scram,
      api_keys_count: user.apiKeys,
      super_user: this.security.broker.authorizer?.isSuperUser(userPrincipal(user.name)) ?? false,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    };
  }

  private keyData(links: ResourceLinks, clusterId: string, key: ApiKeyInfo): ApiKeyData {
    return {
      kind: "SkeinApiKey",
      metadata: { self: links.url("v3", "clusters", clusterId, "users", key.user, "api-keys", key.id), resource_name: links.crn("kafka", clusterId, "user", key.user, "api-key", key.id) },
      key_id: key.id,
      user_name: key.user,
      description: key.description,
      created_at: key.createdAt,
      last_used_at: key.lastUsedAt,
    };
  }
}
