import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readServiceConfig } from "./service-config.js";

describe("readServiceConfig", () => {
  it("defaults to port 8080 on all interfaces, ./data and SQLite", () => {
    expect(readServiceConfig({})).toEqual({ port: 8080, host: "0.0.0.0", dataDir: resolve("data"), databaseUrl: undefined });
  });

  it("reads PORT, HOST, SKEIN_DATA_DIR and DATABASE_URL", () => {
    const config = readServiceConfig({ PORT: "9090", HOST: "127.0.0.1", SKEIN_DATA_DIR: "/var/lib/skein", DATABASE_URL: "postgresql://u@db/skein" });
    expect(config).toEqual({ port: 9090, host: "127.0.0.1", dataDir: "/var/lib/skein", databaseUrl: "postgresql://u@db/skein" });
  });

  it("treats empty variables as unset", () => {
    expect(readServiceConfig({ PORT: "", DATABASE_URL: " " })).toMatchObject({ port: 8080, databaseUrl: undefined });
  });

  it.each(["http", "-1", "65536", "80.5"])("refuses PORT=%s", (port) => {
    expect(() => readServiceConfig({ PORT: port })).toThrow(/PORT must be an integer/);
  });
});
