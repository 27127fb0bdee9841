import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The drift test builds the service from its sources, as the api tests do.
    alias: { "@skein/broker": fileURLToPath(new URL("../broker/src/index.ts", import.meta.url)) },
  },
  test: {
    name: "sdk",
    root: fileURLToPath(new URL(".", import.meta.url)),
    include: ["src/**/*.test.ts"],
    testTimeout: 120_000,
  },
});
