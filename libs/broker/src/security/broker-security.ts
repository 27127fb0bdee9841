import { join } from "node:path";
import type { Broker } from "../broker.js";
import type { Logger } from "../broker-types.js";
import { systemClock, type Clock } from "../clock.js";
import type { AclOperation, ResourceType } from "./acl.js";
import type { AclStore } from "./acl-store.js";
import { AuditLog, type AuditEvent } from "./audit-log.js";
import { AuthenticationLimiter } from "./authentication-limiter.js";
import { Authenticator, type PasswordVerifier } from "./authenticator.js";
import { Authorizer, type AuthorizableRequest } from "./authorizer.js";
import type { CredentialStore } from "./credential-store.js";
import { FileAclStore } from "./file-acl-store.js";
import { FileCredentialStore } from "./file-credential-store.js";
import { FileQuotaStore } from "./file-quota-store.js";
import { QuotaManager } from "./quota-manager.js";
import type { QuotaStore } from "./quota-store.js";

export interface BrokerSecurityOptions {
  /** Where ACLs live; `acls.json` in the data directory by default (the service passes its database's). */
  acls?: AclStore;
  /** Where SCRAM credentials live; `scram-credentials.json` in the data directory by default. */
  credentials?: CredentialStore;
  /** Where client quotas live; `client-quotas.json` in the data directory by default. */
  quotas?: QuotaStore;
  /** Checks passwords of users without SCRAM credentials (the service's HTTP users), for PLAIN and HTTP Basic. */
  passwordVerifier?: PasswordVerifier;
  clock?: Clock;
  logger?: Logger;
}

/**
 * The security of one broker, shared by every edge of the process: the authorizer (null when `authorizer.class.name`
 * is empty: everything is allowed and ACL requests answer SECURITY_DISABLED, as in Kafka), the authenticator over
 * the credential store, the quota manager, the failed-authentication limiter and the audit log — configured from the
 * broker's configs (`super.users`, `allow.everyone.if.no.acl.found`, `quota.window.*`, `authentication.failures.*`,
 * `audit.log.*`).
 */
export class BrokerSecurity {
  private constructor(
    readonly authorizer: Authorizer | null,
    readonly authenticator: Authenticator,
    readonly quotas: QuotaManager,
    readonly authenticationLimiter: AuthenticationLimiter,
    /** Null when `audit.log.enable` is false. */
    readonly audit: AuditLog | null,
    /** The stores it opened itself (files), closed with it. */
    private readonly ownedStores: readonly { close(): Promise<void> }[],
  ) {}

  /** Opens the stores (files in the data directory unless given), loads ACLs and quotas, and opens the audit log. */
  static async open(broker: Broker, options: BrokerSecurityOptions = {}): Promise<BrokerSecurity> {
    const clock = options.clock ?? systemClock;
    const acls = options.acls ?? new FileAclStore(join(broker.dataDir, "acls.json"));
    const credentials = options.credentials ?? new FileCredentialStore(join(broker.dataDir, "scram-credentials.json"));
    const quotaStore = options.quotas ?? new FileQuotaStore(join(broker.dataDir, "client-quotas.json"));
    const authorizer =
      broker.config("authorizer.class.name") === ""
        ? null
        : await Authorizer.open(acls, {
            superUsers: parseSuperUsers(broker.config("super.users") as string | null),
            allowEveryoneIfNoAclFound: broker.config("allow.everyone.if.no.acl.found") as boolean,
            logger: options.logger,
          });
    const quotas = await QuotaManager.open(quotaStore, {
      numSamples: broker.config("quota.window.num") as number,
      windowMs: (broker.config("quota.window.size.seconds") as number) * 1000,
      clock,
      logger: options.logger,
    });
    const limiter = new AuthenticationLimiter({
      maxFailures: broker.config("authentication.failures.max") as number,
      windowMs: broker.config("authentication.failures.window.ms") as number,
      clock,
    });
    const audit = broker.config("audit.log.enable") ? await AuditLog.open(broker, { retentionMs: broker.config("audit.log.retention.ms") as number, clock, logger: options.logger }) : null;
    const authenticator = new Authenticator(credentials, { passwordVerifier: options.passwordVerifier });
    const owned = [options.acls ? null : acls, options.credentials ? null : credentials, options.quotas ? null : quotaStore].filter((s) => s !== null);
    return new BrokerSecurity(authorizer, authenticator, quotas, limiter, audit, owned);
  }

  /** Whether ACLs are enforced (an authorizer is configured). */
  get authorizationEnabled(): boolean {
    return this.authorizer !== null;
  }

  /** Whether `request` may perform `operation` on the resource: always true without an authorizer, as in Kafka. */
  authorize(request: AuthorizableRequest, operation: AclOperation, resourceType: ResourceType, resourceName: string): boolean {
    return this.authorizer === null || this.authorizer.authorize(request, operation, resourceType, resourceName);
  }

  /** Records an audit event (nothing when the audit log is off). */
  recordAudit(event: AuditEvent): void {
    this.audit?.record(event);
  }

  /** Writes pending audit events and stops following the stores; closes the file stores it opened itself. */
  async close(): Promise<void> {
    this.authorizer?.close();
    this.quotas.close();
    await this.audit?.close();
    await Promise.all(this.ownedStores.map((store) => store.close()));
  }
}

/** `super.users`: principals separated by semicolons. */
export function parseSuperUsers(value: string | null): string[] {
  return (value ?? "")
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
