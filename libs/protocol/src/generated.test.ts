import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const definitions = process.env.SKEIN_KAFKA_PROTOCOL_DIR ?? resolve(packageDir, "../../../shared/kafka-protocol");
const present = existsSync(join(definitions, "messages"));

describe("src/generated", () => {
  // The committed code must be what the generator writes; a fresh clone has no ../shared and builds from the commit.
  it.skipIf(!present)(`is what scripts/generate.mjs writes from Kafka's definitions (skipped: no definitions at ${definitions})`, () => {
    const result = spawnSync(process.execPath, [join(packageDir, "scripts/generate.mjs"), "--check"], { encoding: "utf8", env: { ...process.env, SKEIN_KAFKA_PROTOCOL_DIR: definitions } });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/matches the generator \(194 files from 190 message definitions\)/);
  });
});
