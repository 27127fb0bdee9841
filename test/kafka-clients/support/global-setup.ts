import type { TestProject } from "vitest/node";
import { setupKafkaClients } from "../../../scripts/kafka-clients-setup.mjs";
import { startApacheKafka } from "./apache-kafka.mjs";
import { apiUsageDir, writeApiUsage } from "./api-usage.mjs";
import { selectedTargetIds } from "./target-selection.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Apache Kafka broker shared by every suite (address, log directory), or null when it is not a target. */
    apacheKafka: { bootstrap: string; dataDir: string } | null;
  }
}

/**
 * Once per run: installs or finds the clients (kcat, Kafka's jars, the Java examples, the franz-go program, the
 * Python venv; `npm test` has already done it, so this only checks the caches), then starts one Apache Kafka broker
 * that every suite shares, each with its own topics and groups. With SKEIN_KAFKA_API_USAGE=<dir> the broker logs
 * every request and the teardown writes <dir>/API-USAGE.md (support/api-usage.mjs).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await setupKafkaClients({ log: (line) => console.error(line) });
  if (!selectedTargetIds().includes("apache-kafka")) {
    project.provide("apacheKafka", null);
    return async () => undefined;
  }
  const usageDir = apiUsageDir();
  const kafka = await startApacheKafka({
    heap: "-Xmx768M -Xms768M",
    requestLog: usageDir !== null,
    // The compaction exercise waits for the cleaner: check for work every second instead of every 15.
    config: { "log.cleaner.backoff.ms": 1000 },
  });
  project.provide("apacheKafka", { bootstrap: kafka.bootstrap, dataDir: kafka.dataDir });
  return async () => {
    if (usageDir) writeApiUsage(usageDir, kafka.requestLogFile);
    await kafka.stop();
  };
}
