import { EventEmitter } from "node:events";
import { BrokerSecurity, type Broker, type BrokerSecurityOptions, type Clock, type Logger } from "@skein/broker";
import type { MetadataClient } from "../metadata/prisma-client.js";
import { ApiKeys } from "./api-keys.js";
import { PrismaAclStore } from "./prisma-acl-store.js";
import { PrismaCredentialStore } from "./prisma-credential-store.js";
import { PrismaQuotaStore } from "./prisma-quota-store.js";
import { SecurityChangeFeed } from "./security-change-feed.js";
import { UserAccounts } from "./user-accounts.js";

export interface ServiceSecurityOptions {
  clock?: Clock;
  logger?: Logger;
  /** How often other nodes' ACL and quota changes are looked for (default 2 s). */
  changePollMs?: number;
  /** Stores (or a password check) that replace the database's. */
  stores?: Omit<BrokerSecurityOptions, "clock" | "logger">;
}

/**
 * The engine's security domain over the metadata database: one user database, one set of ACLs and quotas for
 * every edge (the Kafka listener, REST, WebSocket, the console) and every node sharing the database. Emits
 * `credentialsChanged` with the users whose password, SCRAM credential or API keys changed, so caches of verified
 * credentials forget them.
 */
export class ServiceSecurity extends EventEmitter<{ credentialsChanged: [users: string[] | "all"] }> {
  private constructor(
    /** The broker's authorizer, authenticator, quotas, failed-login limiter and audit log. */
    readonly broker: BrokerSecurity,
    readonly users: UserAccounts,
    readonly apiKeys: ApiKeys,
    private readonly feed: SecurityChangeFeed,
  ) {
    super();
  }

  static async open(broker: Broker, prisma: MetadataClient, options: ServiceSecurityOptions = {}): Promise<ServiceSecurity> {
    const feed = new SecurityChangeFeed(prisma, options.changePollMs);
    await feed.start();
    let security: ServiceSecurity | undefined;
    const changed = (users: string[] | "all") => security?.emit("credentialsChanged", users);
    const users = new UserAccounts(prisma, changed);
    try {
      const brokerSecurity = await BrokerSecurity.open(broker, {
        acls: new PrismaAclStore(prisma, feed),
        credentials: new PrismaCredentialStore(prisma, changed),
        quotas: new PrismaQuotaStore(prisma, feed),
        passwordVerifier: (user, password) => users.verifyPassword(user, password),
        ...options.stores,
        clock: options.clock,
        logger: options.logger,
      });
      security = new ServiceSecurity(brokerSecurity, users, new ApiKeys(prisma, () => changed("all")), feed);
      return security;
    } catch (error) {
      feed.close();
      throw error;
    }
  }

  /** Writes the audit events still queued and stops following the database (which the metadata store closes). */
  async close(): Promise<void> {
    this.feed.close();
    await this.broker.close();
  }
}
