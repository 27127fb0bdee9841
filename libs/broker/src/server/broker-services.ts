import type { Broker } from "../broker.js";
import type { Logger } from "../broker-types.js";
import type { Clock } from "../clock.js";
import type { GroupCoordinator } from "../group/group-coordinator.js";
import type { TransactionCoordinator } from "../txn/transaction-coordinator.js";
import type { ClusterView } from "./cluster-view.js";

/** What the request handlers work with: the engine, the group and transaction coordinators and the cluster around them. */
export interface BrokerServices {
  broker: Broker;
  groups: GroupCoordinator;
  transactions: TransactionCoordinator;
  cluster: ClusterView;
  clock: Clock;
  logger: Logger;
}
