import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Tests run the engine from its sources, so they need no build of libs/broker.
    alias: { "@skein/broker": fileURLToPath(new URL("../../libs/broker/src/index.ts", import.meta.url)) },
  },
  test: {
    name: "api",
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/postgres-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
