import type { Broker } from "../broker.js";
import type { Logger } from "../broker-types.js";
import type { Clock } from "../clock.js";
import type { GroupCoordinator } from "../group/group-coordinator.js";
import type { BrokerSecurity } from "../security/broker-security.js";
import type { TransactionCoordinator } from "../txn/transaction-coordinator.js";
import type { AuthHelper } from "./auth-helper.js";
import type { ClusterView } from "./cluster-view.js";

/** What the request handlers work with: the engine, the group and transaction coordinators, the cluster around them and security. */
export interface BrokerServices {
  broker: Broker;
  groups: GroupCoordinator;
  transactions: TransactionCoordinator;
  cluster: ClusterView;
  clock: Clock;
  logger: Logger;
  /** Authorization of each request against Kafka's ACLs (allows everything without an authorizer). */
  auth: AuthHelper;
  /** The broker's security (ACLs, credentials, quotas, audit), or null when the listener runs without it. */
  security: BrokerSecurity | null;
}
