import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["libs/*/vitest.config.ts", "apps/*/vitest.config.ts", "test/vitest.config.ts", "test/kafka-clients/vitest.config.ts", "scripts/vitest.config.mjs"],
  },
});
