import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { selectedTargetIds } from "./support/target-selection.mjs";

// Third-party Kafka clients and Kafka's own tools against the selected brokers (support/target-selection.mjs).
// The interop suite needs Skein's REST API besides its Kafka listener, so it is part of the run only with Skein.
const skeinSelected = selectedTargetIds().includes("skein");

export default defineConfig({
  resolve: {
    alias: { "@skein/broker": fileURLToPath(new URL("../../libs/broker/src/index.ts", import.meta.url)) },
  },
  test: {
    name: "kafka-clients",
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["*.kafka.test.ts", ...(skeinSelected ? ["*.skein.test.ts"] : [])],
    globalSetup: ["support/global-setup.ts"],
    // JVM tools and consumer groups on a shared 2-core machine: one file at a time keeps rebalances and timeouts sane,
    // and the whole project runs after the others, whose timing-sensitive tests would otherwise share the cores with
    // a broker and a stream of JVMs.
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
