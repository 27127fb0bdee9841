import { ApiProperty, ApiPropertyOptional } from "@nestjs/swagger";
import { ResourceCollectionMetadataDto, ResourceMetadataDto } from "../common/v3-resource.dto.js";

/** The OpenAPI shapes of the security resources: the REST Proxy's ACLs, and Skein's session, users, keys, quotas and audit log. */

const RESOURCE_TYPES = ["TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID", "DELEGATION_TOKEN"];
const OPERATIONS = ["ALL", "READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE", "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE"];

export class CreateAclRequestDto {
  @ApiProperty({ enum: RESOURCE_TYPES, example: "TOPIC" })
  resource_type!: string;
  @ApiProperty({ example: "orders" })
  resource_name!: string;
  @ApiProperty({ enum: ["LITERAL", "PREFIXED"], example: "LITERAL" })
  pattern_type!: string;
  @ApiProperty({ example: "User:alice" })
  principal!: string;
  @ApiProperty({ example: "*" })
  host!: string;
  @ApiProperty({ enum: OPERATIONS, example: "READ" })
  operation!: string;
  @ApiProperty({ enum: ["ALLOW", "DENY"], example: "ALLOW" })
  permission!: string;
}

export class BatchCreateAclRequestDto {
  @ApiProperty({ type: [CreateAclRequestDto] })
  data!: CreateAclRequestDto[];
}

export class AclMetadataDto {
  @ApiProperty({ description: "The search that finds exactly this ACL" })
  self!: string;
}

export class AclDataDto extends CreateAclRequestDto {
  @ApiProperty({ example: "KafkaAcl" })
  kind!: string;
  @ApiProperty()
  metadata!: AclMetadataDto;
  @ApiProperty()
  cluster_id!: string;
}

export class AclDataListDto {
  @ApiProperty({ example: "KafkaAclList" })
  kind!: string;
  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;
  @ApiProperty({ type: [AclDataDto] })
  data!: AclDataDto[];
}

export class DeleteAclsResponseDto {
  @ApiProperty({ type: [AclDataDto] })
  data!: AclDataDto[];
}

export class LoginRequestDto {
  @ApiProperty({ example: "alice" })
  username!: string;
  @ApiProperty({ example: "correct horse battery staple" })
  password!: string;
}

export class SessionDto {
  @ApiProperty({ description: "Whether the request is signed in (always true without authentication)" })
  signed_in!: boolean;
  @ApiProperty({ enum: ["NONE", "BASIC"], description: "SKEIN_AUTHENTICATION_METHOD" })
  authentication!: string;
  @ApiProperty({ description: "Whether ACLs are enforced (authorizer.class.name is set)" })
  authorization!: boolean;
  @ApiPropertyOptional({ example: "alice" })
  user?: string;
  @ApiPropertyOptional({ example: "User:alice" })
  principal?: string;
  @ApiPropertyOptional({ enum: ["none", "basic", "api-key", "session"] })
  method?: string;
  @ApiPropertyOptional({ description: "Send it back in X-CSRF-Token with every change made with the session cookie" })
  csrf_token?: string;
  @ApiPropertyOptional({ description: "When the session ends (epoch ms)" })
  expires_at?: number;
  @ApiPropertyOptional({ description: "Whether the principal is one of super.users" })
  super_user?: boolean;
  @ApiPropertyOptional({ type: [String], description: "The operations the principal may perform on the cluster" })
  cluster_operations?: string[];
  @ApiPropertyOptional({ description: "Whether the principal may READ the audit log topic" })
  audit_log_readable?: boolean;
}

export class ScramInfoDto {
  @ApiProperty({ enum: ["SCRAM-SHA-256", "SCRAM-SHA-512"] })
  mechanism!: string;
  @ApiProperty({ example: 8192 })
  iterations!: number;
}

export class UserDataDto {
  @ApiProperty({ example: "SkeinUser" })
  kind!: string;
  @ApiProperty()
  metadata!: ResourceMetadataDto;
  @ApiProperty()
  cluster_id!: string;
  @ApiProperty({ example: "alice" })
  user_name!: string;
  @ApiProperty({ example: "User:alice" })
  principal!: string;
  @ApiProperty({ description: "Whether the user has an HTTP password (users set up over the wire have only SCRAM credentials)" })
  has_password!: boolean;
  @ApiProperty({ type: [ScramInfoDto] })
  scram_credentials!: ScramInfoDto[];
  @ApiProperty()
  api_keys_count!: number;
  @ApiProperty()
  super_user!: boolean;
  @ApiProperty({ type: Number, nullable: true })
  created_at!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  updated_at!: number | null;
}

export class UserDataListDto {
  @ApiProperty({ example: "SkeinUserList" })
  kind!: string;
  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;
  @ApiProperty({ type: [UserDataDto] })
  data!: UserDataDto[];
}

export class CreateUserRequestDto {
  @ApiProperty({ example: "alice", description: "1 to 128 letters, digits, '.', '_', '-' or '@'" })
  user_name!: string;
  @ApiProperty({ description: "At least 8 characters; stored only as an scrypt hash and SCRAM-SHA-256/512 credentials" })
  password!: string;
}

export class SetPasswordRequestDto {
  @ApiProperty()
  password!: string;
  @ApiPropertyOptional({ description: "Required when users change their own password without ALTER on the cluster" })
  current_password?: string;
}

export class ApiKeyDataDto {
  @ApiProperty({ example: "SkeinApiKey" })
  kind!: string;
  @ApiProperty()
  metadata!: ResourceMetadataDto;
  @ApiProperty({ example: "Q7KX2M4PZ8RWT3NB" })
  key_id!: string;
  @ApiProperty({ example: "alice" })
  user_name!: string;
  @ApiProperty()
  description!: string;
  @ApiProperty()
  created_at!: number;
  @ApiProperty({ type: Number, nullable: true })
  last_used_at!: number | null;
  @ApiPropertyOptional({ description: "Only in the answer that created the key: it is stored hashed and never shown again" })
  secret?: string;
}

export class ApiKeyDataListDto {
  @ApiProperty({ example: "SkeinApiKeyList" })
  kind!: string;
  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;
  @ApiProperty({ type: [ApiKeyDataDto] })
  data!: ApiKeyDataDto[];
}

export class CreateApiKeyRequestDto {
  @ApiPropertyOptional({ example: "nightly export job" })
  description?: string;
}

export class ClientQuotaEntityDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: "A user name, or null for <default>; absent when the entity has no user" })
  user?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "A client id, or null for <default>" })
  client_id?: string | null;
}

export class ClientQuotaDataDto {
  @ApiProperty({ example: "SkeinClientQuota" })
  kind!: string;
  @ApiProperty()
  cluster_id!: string;
  @ApiProperty()
  entity!: ClientQuotaEntityDto;
  @ApiProperty({ example: { producer_byte_rate: 1048576 } })
  quotas!: Record<string, number>;
}

export class ClientQuotaDataListDto {
  @ApiProperty({ example: "SkeinClientQuotaList" })
  kind!: string;
  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;
  @ApiProperty({ type: [ClientQuotaDataDto] })
  data!: ClientQuotaDataDto[];
}

export class ClientQuotaChangeDto {
  @ApiProperty({ enum: ["producer_byte_rate", "consumer_byte_rate", "request_percentage", "controller_mutation_rate"] })
  key!: string;
  @ApiProperty({ type: Number, nullable: true, description: "The new value, or null to remove the quota" })
  value!: number | null;
}

export class ClientQuotaAlterationDto {
  @ApiProperty()
  entity!: ClientQuotaEntityDto;
  @ApiProperty({ type: [ClientQuotaChangeDto] })
  changes!: ClientQuotaChangeDto[];
}

export class AlterClientQuotasRequestDto {
  @ApiProperty({ type: [ClientQuotaAlterationDto] })
  data!: ClientQuotaAlterationDto[];
  @ApiPropertyOptional()
  validate_only?: boolean;
}

export class AuditEventDto {
  @ApiProperty({ description: "The event's offset in _skein_audit" })
  offset!: number;
  @ApiProperty({ description: "Epoch milliseconds" })
  time!: number;
  @ApiProperty({ example: "User:alice" })
  principal!: string;
  @ApiProperty({ example: "10.0.0.7" })
  source_address!: string;
  @ApiProperty({ enum: ["wire", "rest", "ws", "console", "cli"] })
  surface!: string;
  @ApiProperty({ example: "CREATE" })
  operation!: string;
  @ApiProperty({ type: Object, nullable: true, example: { type: "TOPIC", name: "orders" } })
  resource!: { type: string; name: string } | null;
  @ApiProperty({ enum: ["success", "failure", "denied"] })
  outcome!: string;
  @ApiPropertyOptional({ example: "POST /v3/clusters/:cluster_id/topics" })
  request?: string;
  @ApiPropertyOptional()
  detail?: string;
}

export class AuditEventListDto {
  @ApiProperty({ example: "SkeinAuditEventList" })
  kind!: string;
  @ApiProperty()
  metadata!: ResourceCollectionMetadataDto;
  @ApiProperty({ type: [AuditEventDto], description: "Newest first" })
  data!: AuditEventDto[];
}
