import { afterEach } from "vitest";
import { Broker } from "../broker.js";
import { GroupCoordinator } from "../group/group-coordinator.js";
import { KafkaListener, type KafkaListenerOptions } from "../server/kafka-listener.js";
import { TransactionCoordinator } from "../txn/transaction-coordinator.js";
import { useTempDirs } from "./temp-dir.js";

export interface RunningListener {
  broker: Broker;
  groups: GroupCoordinator;
  transactions: TransactionCoordinator;
  listener: KafkaListener;
  port: number;
  bootstrap: string;
  stop(): Promise<void>;
}

/**
 * Starts a real broker on a temp directory, its group and transaction coordinators and a Kafka listener on a free
 * loopback port; all of them stop after the test (or when `stop` is called, e.g. to restart on the same directory).
 */
export function useKafkaListener(): (options?: { dataDir?: string; brokerConfig?: Record<string, string>; listener?: Partial<KafkaListenerOptions> }) => Promise<RunningListener> {
  const tempDir = useTempDirs();
  const running: RunningListener[] = [];
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
  });
  return async (options = {}) => {
    const dataDir = options.dataDir ?? tempDir();
    const broker = await Broker.open({ dataDir, brokerConfig: { "group.initial.rebalance.delay.ms": "0", ...options.brokerConfig } });
    const groups = await GroupCoordinator.start(broker);
    const transactions = await TransactionCoordinator.start(broker, { completions: groups });
    const listener = await KafkaListener.start(broker, groups, { host: "127.0.0.1", port: 0, advertisedHost: "127.0.0.1", transactions, ...options.listener });
    let stopped = false;
    const r: RunningListener = {
      broker,
      groups,
      transactions,
      listener,
      port: listener.port,
      bootstrap: `127.0.0.1:${listener.port}`,
      async stop() {
        if (stopped) return;
        stopped = true;
        await listener.stop(1_000);
        await transactions.close();
        groups.close();
        await broker.close();
      },
    };
    running.push(r);
    return r;
  };
}
