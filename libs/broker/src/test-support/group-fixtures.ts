import { Broker } from "../broker.js";
import { GroupCoordinator, type GroupCoordinatorOptions } from "../group/group-coordinator.js";
import { ManualClock } from "./temp-dir.js";

/** Broker settings for group tests: no initial rebalance delay, few offsets partitions, short minimum session. */
export const GROUP_TEST_CONFIG: Record<string, string> = {
  "group.initial.rebalance.delay.ms": "0",
  "group.min.session.timeout.ms": "1000",
  "offsets.topic.num.partitions": "5",
};

/** A real broker on `dataDir` and a coordinator over it, both on one manual clock, with the timer off. */
export class GroupFixture {
  private constructor(
    readonly dataDir: string,
    readonly clock: ManualClock,
    readonly brokerConfig: Record<string, string>,
    readonly options: GroupCoordinatorOptions,
    public broker: Broker,
    public coordinator: GroupCoordinator,
  ) {}

  static async open(dataDir: string, brokerConfig: Record<string, string> = {}, options: GroupCoordinatorOptions = {}): Promise<GroupFixture> {
    const clock = new ManualClock();
    const config = { ...GROUP_TEST_CONFIG, ...brokerConfig };
    let uuid = 0;
    const coordinatorOptions: GroupCoordinatorOptions = { tickIntervalMs: 0, newUuid: () => `uuid-${++uuid}`, ...options, clock };
    const broker = await Broker.open({ dataDir, brokerConfig: config, clock, random: () => 0 });
    const coordinator = await GroupCoordinator.start(broker, coordinatorOptions);
    return new GroupFixture(dataDir, clock, config, coordinatorOptions, broker, coordinator);
  }

  /** Moves the clock and lets the coordinator apply what is due. */
  advance(ms: number): void {
    this.clock.advance(ms);
    this.coordinator.tick();
  }

  /** Closes the coordinator and the broker, reopens both on the same directory and replays `__consumer_offsets`. */
  async restart(): Promise<void> {
    this.coordinator.close();
    await this.broker.close();
    this.broker = await Broker.open({ dataDir: this.dataDir, brokerConfig: this.brokerConfig, clock: this.clock, random: () => 0 });
    this.coordinator = await GroupCoordinator.start(this.broker, this.options);
  }

  async close(): Promise<void> {
    this.coordinator.close();
    await this.broker.close();
  }
}
