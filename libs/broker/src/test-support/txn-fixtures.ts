import { Broker } from "../broker.js";
import { GroupCoordinator } from "../group/group-coordinator.js";
import { TransactionCoordinator } from "../txn/transaction-coordinator.js";
import { GROUP_TEST_CONFIG } from "./group-fixtures.js";
import { ManualClock } from "./temp-dir.js";

/** Broker settings for transaction tests: the group test settings and few `__transaction_state` partitions. */
export const TXN_TEST_CONFIG: Record<string, string> = { ...GROUP_TEST_CONFIG, "transaction.state.log.num.partitions": "3" };

/** A real broker on `dataDir` with its group and transaction coordinators, on one manual clock, timers off. */
export class TxnFixture {
  private constructor(
    readonly dataDir: string,
    readonly clock: ManualClock,
    readonly brokerConfig: Record<string, string>,
    public broker: Broker,
    public groups: GroupCoordinator,
    public txn: TransactionCoordinator,
  ) {}

  static async open(dataDir: string, brokerConfig: Record<string, string> = {}, clock = new ManualClock()): Promise<TxnFixture> {
    const config = { ...TXN_TEST_CONFIG, ...brokerConfig };
    const { broker, groups, txn } = await TxnFixture.start(dataDir, config, clock);
    return new TxnFixture(dataDir, clock, config, broker, groups, txn);
  }

  private static async start(dataDir: string, config: Record<string, string>, clock: ManualClock) {
    const broker = await Broker.open({ dataDir, brokerConfig: config, clock, random: () => 0 });
    const groups = await GroupCoordinator.start(broker, { tickIntervalMs: 0, clock });
    const txn = await TransactionCoordinator.start(broker, { clock, completions: groups, timers: false, markerRetryBackoffMs: 10 });
    return { broker, groups, txn };
  }

  /** Closes everything and reopens it on the same directory (both coordinators reload their topics). */
  async restart(): Promise<void> {
    await this.close();
    const started = await TxnFixture.start(this.dataDir, this.brokerConfig, this.clock);
    this.broker = started.broker;
    this.groups = started.groups;
    this.txn = started.txn;
  }

  async close(): Promise<void> {
    await this.txn.close();
    this.groups.close();
    await this.broker.close();
  }
}
