import { afterEach } from "vitest";
import { Broker } from "../broker.js";
import { GroupCoordinator } from "../group/group-coordinator.js";
import { BrokerSecurity, type BrokerSecurityOptions } from "../security/broker-security.js";
import { scramCredentialFromPassword, type ScramMechanism } from "../security/scram.js";
import { KafkaListener, type KafkaListenerOptions } from "../server/kafka-listener.js";
import { listenerConfigs } from "../server/listener-config.js";
import { TransactionCoordinator } from "../txn/transaction-coordinator.js";
import { useTempDirs } from "./temp-dir.js";

export interface RunningListener {
  broker: Broker;
  groups: GroupCoordinator;
  transactions: TransactionCoordinator;
  listener: KafkaListener;
  /** The broker's security when the test asked for it (`security` or SASL/SSL `listeners`), else null. */
  security: BrokerSecurity | null;
  port: number;
  bootstrap: string;
  /** The bound port of the listener named `name`. */
  portOf(name: string): number;
  /** Gives `user` SCRAM credentials for both mechanisms (or the ones named). */
  addUser(user: string, password: string, mechanisms?: readonly ScramMechanism[]): Promise<void>;
  stop(): Promise<void>;
}

export interface ListenerFixtureOptions {
  dataDir?: string;
  brokerConfig?: Record<string, string>;
  listener?: Partial<KafkaListenerOptions>;
  /** Opens the broker's security (file stores in the data directory unless given). */
  security?: boolean | BrokerSecurityOptions;
  /** `listeners` and the other listener configs read from `brokerConfig` (with security). */
  useListenerConfigs?: boolean;
}

/**
 * Starts a real broker on a temp directory, its group and transaction coordinators and a Kafka listener on a free
 * loopback port; all of them stop after the test (or when `stop` is called, e.g. to restart on the same directory).
 */
export function useKafkaListener(): (options?: ListenerFixtureOptions) => Promise<RunningListener> {
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
    const security = options.security ? await BrokerSecurity.open(broker, options.security === true ? {} : options.security) : null;
    const listeners = options.useListenerConfigs ? listenerConfigs(options.brokerConfig ?? {}, { host: "127.0.0.1", port: 0, advertisedHost: "127.0.0.1" }) : undefined;
    const listener = await KafkaListener.start(broker, groups, { host: "127.0.0.1", port: 0, advertisedHost: "127.0.0.1", listeners, security, transactions, ...options.listener });
    let stopped = false;
    const r: RunningListener = {
      broker,
      groups,
      transactions,
      listener,
      security,
      port: listener.port,
      bootstrap: `127.0.0.1:${listener.port}`,
      portOf: (name) => listener.endpoint(name)!.port,
      async addUser(user, password, mechanisms = ["SCRAM-SHA-256", "SCRAM-SHA-512"]) {
        const changes = await Promise.all(mechanisms.map(async (mechanism) => ({ kind: "upsert" as const, user, mechanism, credential: await scramCredentialFromPassword(mechanism, password) })));
        await security!.authenticator.credentials.alterScramCredentials(changes);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await listener.stop(1_000);
        await security?.close();
        await transactions.close();
        groups.close();
        await broker.close();
      },
    };
    running.push(r);
    return r;
  };
}
