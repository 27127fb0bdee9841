import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describeDatabaseTarget, resolveDatabaseTarget } from "./database-target.js";

describe("resolveDatabaseTarget", () => {
  it("puts SQLite in the data directory, as an absolute path", () => {
    expect(resolveDatabaseTarget({ dataDir: "data" })).toEqual({ provider: "sqlite", file: resolve("data", "skein.db") });
  });

  it.each(["postgresql://skein@db:5432/skein", "postgres://skein@db/skein"])("uses PostgreSQL for %s", (url) => {
    expect(resolveDatabaseTarget({ dataDir: "data", databaseUrl: url })).toEqual({ provider: "postgresql", url });
  });

  it("refuses another kind of DATABASE_URL rather than silently using SQLite", () => {
    expect(() => resolveDatabaseTarget({ dataDir: "data", databaseUrl: "mysql://root:secret@db/skein" })).toThrow(/postgresql:\/\/ URL \(got mysql:\/\/root:\*\*\*@db\/skein\)/);
  });

  it("describes a target without its password", () => {
    expect(describeDatabaseTarget({ provider: "postgresql", url: "postgresql://skein:secret@db:5432/skein" })).toBe("PostgreSQL postgresql://skein:***@db:5432/skein");
  });
});
