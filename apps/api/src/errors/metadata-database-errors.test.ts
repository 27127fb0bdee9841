import { describe, expect, it } from "vitest";
import { inMetadataDatabase, MetadataDatabaseError, metadataDatabaseFailure, restErrorForMetadataDatabase } from "./metadata-database-errors.js";

/** Errors shaped as Prisma 6.19 with its driver adapters throws them (recorded from a stopped PostgreSQL and a full tmpfs). */
function prismaKnown(code: string, meta: object = {}): Error {
  return Object.assign(new Error("Invalid `t=Object.create()` invocation in /generated/client.js ... SELECT * FROM secret"), { name: "PrismaClientKnownRequestError", code, meta });
}
function driverAdapter(cause: object): Error {
  return Object.assign(new Error("terminating connection due to administrator command"), { name: "DriverAdapterError", cause });
}

describe("metadata database failures", () => {
  it.each<[string, unknown, string, string]>([
    ["PostgreSQL shutting down", driverAdapter({ kind: "postgres", code: "57P01" }), "unavailable", "PostgreSQL 57P01"],
    ["PostgreSQL unreachable", prismaKnown("P1001", { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } }), "unavailable", "DatabaseNotReachable"],
    ["a raw query on an unreachable server", prismaKnown("P2010", { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } }), "unavailable", "DatabaseNotReachable"],
    ["a pool timeout", prismaKnown("P2024"), "unavailable", "Prisma P2024"],
    ["SQLite full", prismaKnown("SQLITE_FULL"), "full", "SQLITE_FULL"],
    ["SQLite full, said in the message", Object.assign(prismaKnown("SQLITE_ERROR"), { message: "database or disk is full" }), "full", "SQLITE_ERROR"],
    ["PostgreSQL disk full", driverAdapter({ kind: "postgres", code: "53100" }), "full", "PostgreSQL 53100 disk_full"],
    ["a unique constraint", prismaKnown("P2002"), "failed", "Prisma P2002"],
    ["better-sqlite3 busy", Object.assign(new Error("database is locked"), { name: "SqliteError", code: "SQLITE_BUSY" }), "unavailable", "SQLITE_BUSY"],
  ])("classifies %s", (_, error, kind, detail) => {
    expect(metadataDatabaseFailure(error)).toEqual({ kind, detail });
  });

  it("finds the database's error behind an engine error that wraps it", () => {
    const wrapped = Object.assign(new Error("metadata write failed"), { cause: prismaKnown("SQLITE_FULL") });
    expect(metadataDatabaseFailure(wrapped)?.kind).toBe("full");
  });

  it("leaves other errors alone", () => {
    expect(metadataDatabaseFailure(new Error("boom"))).toBeUndefined();
    expect(metadataDatabaseFailure(Object.assign(new Error("x"), { code: "ENOSPC" }))).toBeUndefined();
    expect(restErrorForMetadataDatabase(undefined)).toBeUndefined();
  });

  it("answers 503, 507 or 500 with Skein's codes and never the driver's message", () => {
    const unavailable = restErrorForMetadataDatabase(driverAdapter({ kind: "postgres", code: "57P01" }))!;
    expect([unavailable.status, unavailable.errorCode]).toEqual([503, 50303]);
    const full = restErrorForMetadataDatabase(prismaKnown("SQLITE_FULL"))!;
    expect([full.status, full.errorCode]).toEqual([507, 50702]);
    const failed = restErrorForMetadataDatabase(prismaKnown("P2002"))!;
    expect([failed.status, failed.errorCode]).toEqual([500, 50004]);
    for (const error of [unavailable, full, failed]) expect(error.message).not.toMatch(/SELECT|invocation|administrator/);
  });

  it("wraps a database failure in a clean MetadataDatabaseError naming the operation, and leaves other errors alone", async () => {
    const wrapped = await inMetadataDatabase("delete topic orders", () => Promise.reject(prismaKnown("SQLITE_FULL"))).catch((error: unknown) => error);
    expect(wrapped).toBeInstanceOf(MetadataDatabaseError);
    expect((wrapped as Error).message).toBe("The metadata database could not delete topic orders: full (SQLITE_FULL)");
    expect(restErrorForMetadataDatabase(wrapped)?.errorCode).toBe(50702);
    const bug = new TypeError("x is undefined");
    await expect(inMetadataDatabase("load", () => Promise.reject(bug))).rejects.toBe(bug);
    expect(await inMetadataDatabase("load", async () => 42)).toBe(42);
  });
});
