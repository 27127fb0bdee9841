import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseServiceCommandLine } from "./service-command-line.js";
import { loadStartupConfig } from "./startup-config.js";

describe("loadStartupConfig", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "skein-startup-config-"));
    writeFileSync(join(dir, "server.properties"), "num.partitions=3\nlog.dirs=kafka-logs\n");
    writeFileSync(join(dir, "other.properties"), "num.partitions=2\n");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const load = (argv: string[], env: NodeJS.ProcessEnv = {}) => loadStartupConfig(parseServiceCommandLine(argv), env, dir);

  it("reads the file the command line names, relative to the working directory, before SKEIN_CONFIG's", () => {
    expect(load(["server.properties"], { SKEIN_CONFIG: "other.properties" }).broker.configs).toEqual({ "num.partitions": "3" });
    expect(load([], { SKEIN_CONFIG: "other.properties" }).broker).toMatchObject({ file: join(dir, "other.properties"), configs: { "num.partitions": "2" } });
    expect(load([]).broker).toMatchObject({ file: null, configs: {} });
  });

  it("puts the data in log.dirs unless SKEIN_DATA_DIR says otherwise, and in --override log.dirs before both", () => {
    expect(load(["server.properties"]).service.dataDir).toBe(join(dir, "kafka-logs"));
    expect(load(["server.properties"], { SKEIN_DATA_DIR: "/var/lib/skein" }).service.dataDir).toBe("/var/lib/skein");
    expect(load(["server.properties", "--override", "log.dirs=/srv/logs"], { SKEIN_DATA_DIR: "/var/lib/skein" }).service.dataDir).toBe("/srv/logs");
  });

  it("keeps the service's own settings", () => {
    expect(load([], { PORT: "9000", HOST: "127.0.0.1" }).service).toMatchObject({ port: 9000, host: "127.0.0.1" });
  });
});
