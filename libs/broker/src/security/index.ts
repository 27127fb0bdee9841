/** The engine's security domain, shared by every edge (the Kafka listener, REST, WebSocket, console, CLI). */
export * from "./principal.js";
export * from "./acl.js";
export type { AclStore } from "./acl-store.js";
export { FileAclStore } from "./file-acl-store.js";
export { Authorizer, normalizeHost, type AuthorizableRequest, type AuthorizationDecision, type AuthorizationRule, type AuthorizerOptions } from "./authorizer.js";
export * from "./scram.js";
export { ScramServerExchange, ScramError, decodeSaslName, encodeSaslName } from "./scram-server.js";
export { parsePlainMessage, PlainError, type PlainCredentials } from "./plain.js";
export type { CredentialStore, ScramCredentialChange, ScramCredentialInfo } from "./credential-store.js";
export { FileCredentialStore } from "./file-credential-store.js";
export { Authenticator, type PasswordVerifier } from "./authenticator.js";
export { AuthenticationLimiter, type AuthenticationLimiterOptions } from "./authentication-limiter.js";
export * from "./client-quota.js";
export type { QuotaStore, QuotaStoreChange } from "./quota-store.js";
export { FileQuotaStore } from "./file-quota-store.js";
export { QuotaManager, type QuotaManagerOptions } from "./quota-manager.js";
export { SampledRate } from "./sampled-rate.js";
export { AuditLog, AUDIT_SURFACES, type AuditEvent, type AuditLogOptions, type AuditOutcome, type AuditSurface } from "./audit-log.js";
