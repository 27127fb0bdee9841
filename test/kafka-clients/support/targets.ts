import { inject } from "vitest";
import { startApacheKafka } from "./apache-kafka.mjs";
import { startSkeinBroker } from "./skein-broker.mjs";
import { selectedTargetIds, type TargetId } from "./target-selection.mjs";

export type { TargetId };

/** A broker the client suites run against: Apache Kafka (the reference) or Skein. */
export interface KafkaTarget {
  /** `apache-kafka` or `skein`: the name SKEIN_KAFKA_TARGETS selects. */
  readonly id: TargetId;
  /** How test titles name it. */
  readonly name: string;
  /** Starts it (or joins the one the suite shares); `stop` releases it. */
  start(): Promise<StartedTarget>;
  /** Starts a broker of this kind for one suite alone, which a crash test may SIGKILL and restart. */
  startCrashable(): Promise<CrashableTarget>;
}

export interface StartedTarget {
  /** `127.0.0.1:PORT`, the `--bootstrap-server` of every tool and client. */
  readonly bootstrap: string;
  /** The log directory holding `<topic>-<partition>` folders in Kafka's on-disk format (both brokers write it). */
  readonly dataDir: string;
  /** Skein's HTTP base URL (REST, WebSocket); Apache Kafka has none. */
  readonly restUrl?: string;
  stop(): Promise<void>;
}

/** A broker a test owns: it can SIGKILL the process and start it again over the same data and ports. */
export interface CrashableTarget extends StartedTarget {
  /** SIGKILLs the broker: no shutdown, no flush beyond what it had already written. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and data directory; resolves once it serves. */
  restart(): Promise<void>;
}

/** The Apache Kafka 4.x broker that the project's global setup started once for every suite (see global-setup.ts). */
export const apacheKafka: KafkaTarget = {
  id: "apache-kafka",
  name: "Apache Kafka",
  async start() {
    const shared = inject("apacheKafka");
    if (!shared) throw new Error("Apache Kafka was not started: SKEIN_KAFKA_TARGETS leaves it out");
    return { ...shared, stop: async () => undefined };
  },
  // The shared broker serves every suite, so a crash test gets its own (a smaller heap: it holds little data).
  startCrashable: () => startApacheKafka({ heap: "-Xmx512M -Xms512M" }),
};

/** Skein's built service (`node apps/api/dist/main.js`) with its Kafka listener on a free port; one per suite. */
export const skein: KafkaTarget = {
  id: "skein",
  name: "Skein",
  start: () => startSkeinBroker(),
  startCrashable: () => startSkeinBroker(),
};

/** The selected targets, for `for (const target of kafkaTargets()) describeX(target)`. */
export function kafkaTargets(): KafkaTarget[] {
  return selectedTargetIds().map((id) => (id === "skein" ? skein : apacheKafka));
}
