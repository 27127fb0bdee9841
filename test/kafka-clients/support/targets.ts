import { inject } from "vitest";
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

/** The Apache Kafka 4.x broker that the project's global setup started once for every suite (see global-setup.ts). */
export const apacheKafka: KafkaTarget = {
  id: "apache-kafka",
  name: "Apache Kafka",
  async start() {
    const shared = inject("apacheKafka");
    if (!shared) throw new Error("Apache Kafka was not started: SKEIN_KAFKA_TARGETS leaves it out");
    return { ...shared, stop: async () => undefined };
  },
};

/** Skein's built service (`node apps/api/dist/main.js`) with its Kafka listener on a free port; one per suite. */
export const skein: KafkaTarget = {
  id: "skein",
  name: "Skein",
  start: () => startSkeinBroker(),
};

/** The selected targets, for `for (const target of kafkaTargets()) describeX(target)`. */
export function kafkaTargets(): KafkaTarget[] {
  return selectedTargetIds().map((id) => (id === "skein" ? skein : apacheKafka));
}
