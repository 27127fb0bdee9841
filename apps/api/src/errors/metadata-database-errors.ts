import { RestError } from "./rest-error.js";

/** What went wrong with the metadata database, as far as a client needs to know. */
export type MetadataDatabaseFailureKind = "unavailable" | "full" | "failed";

export interface MetadataDatabaseFailure {
  kind: MetadataDatabaseFailureKind;
  /** A short, stable description (a driver or SQLSTATE code), never the driver's message with its query text. */
  detail: string;
}

/**
 * A metadata database failure with a clean message ("The metadata database could not delete topic orders: full
 * (SQLITE_FULL)"), the driver's error as its cause: what the metadata stores throw, so that every message built
 * from it (the engine's, a pending deletion's) says what failed without dumping Prisma's text.
 */
export class MetadataDatabaseError extends Error {
  constructor(
    readonly operation: string,
    readonly failure: MetadataDatabaseFailure,
    cause: unknown,
  ) {
    super(`The metadata database could not ${operation}: ${failure.kind} (${failure.detail})`, { cause });
    this.name = "MetadataDatabaseError";
  }
}

/** Runs a metadata database operation, turning a database failure into a MetadataDatabaseError naming the operation. */
export async function inMetadataDatabase<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asMetadataDatabaseError(operation, error);
  }
}

/** A database failure as a MetadataDatabaseError naming the operation; any other error as it is. */
export function asMetadataDatabaseError(operation: string, error: unknown): unknown {
  const failure = metadataDatabaseFailure(error);
  return failure ? new MetadataDatabaseError(operation, failure, error) : error;
}

/** Skein's codes for the metadata database (docs/rest-api.md, "Errors"). */
export const METADATA_DATABASE_UNAVAILABLE = 50303;
export const METADATA_DATABASE_FULL = 50702;
export const METADATA_DATABASE_FAILED = 50004;

// Prisma's connection and contention codes: the request can be retried once the database is back.
const PRISMA_RETRIABLE = new Set(["P1001", "P1002", "P1003", "P1008", "P1010", "P1011", "P1017", "P2024", "P2028", "P2034"]);
// Driver adapter error kinds (Prisma's `DriverAdapterError.cause.kind`) that mean the server cannot be used now.
const ADAPTER_UNAVAILABLE = new Set([
  "DatabaseNotReachable",
  "DatabaseDoesNotExist",
  "DatabaseAccessDenied",
  "AuthenticationFailed",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionWriteConflict",
  "TransactionAlreadyClosed",
  "TlsConnectionError",
]);
const SQLITE_UNAVAILABLE = new Set(["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_CANTOPEN", "SQLITE_READONLY"]);
const FULL_MESSAGE = /database or disk is full|no space left on device/i;

/**
 * Recognises a failure of the metadata database anywhere in an error's cause chain (Prisma's errors, its driver
 * adapters', better-sqlite3's and pg's) and classifies it: `unavailable` (PostgreSQL unreachable, restarting or
 * refusing connections; SQLite busy), `full` (SQLITE_FULL, PostgreSQL's disk_full, ENOSPC), or `failed`.
 * Undefined for an error that does not come from the database.
 */
export function metadataDatabaseFailure(error: unknown): MetadataDatabaseFailure | undefined {
  for (let cause = error, depth = 0; cause !== null && typeof cause === "object" && depth < 8; cause = (cause as { cause?: unknown }).cause, depth++) {
    const failure = classify(cause as Record<string, unknown>);
    if (failure) return failure;
  }
  return undefined;
}

/** The REST error for a metadata database failure (503/50303, 507/50702 or 500/50004), or undefined for any other error. */
export function restErrorForMetadataDatabase(error: unknown): RestError | undefined {
  const failure = metadataDatabaseFailure(error);
  if (!failure) return undefined;
  switch (failure.kind) {
    case "unavailable":
      return new RestError(503, METADATA_DATABASE_UNAVAILABLE, `The metadata database is unavailable (${failure.detail}); nothing was changed. Retry when it is back.`);
    case "full":
      return new RestError(507, METADATA_DATABASE_FULL, `The metadata database is out of disk space (${failure.detail}); nothing was changed. Free space on its disk and retry.`);
    case "failed":
      return new RestError(500, METADATA_DATABASE_FAILED, `The metadata database failed (${failure.detail}).`);
  }
}

function classify(error: Record<string, unknown>): MetadataDatabaseFailure | undefined {
  if (error instanceof MetadataDatabaseError) return error.failure;
  const name = typeof error.name === "string" ? error.name : (error.constructor as { name?: string } | undefined)?.name;
  const code = typeof error.code === "string" ? error.code : undefined;
  const message = typeof error.message === "string" ? error.message : "";
  if (name === "PrismaClientInitializationError") return { kind: "unavailable", detail: `Prisma ${code ?? "initialization"}` };
  if (name === "DriverAdapterError" || name?.startsWith("PrismaClient")) {
    // The driver's own error (a postgres SQLSTATE, a SQLite code, a connection kind) says more than Prisma's.
    const adapter = adapterCause(error);
    const fromAdapter = adapter ? classifyAdapterCause(adapter) : undefined;
    if (fromAdapter) return fromAdapter;
    if (code !== undefined && code.startsWith("SQLITE_")) return classifySqlite(code, message);
    if (code !== undefined && PRISMA_RETRIABLE.has(code)) return { kind: "unavailable", detail: `Prisma ${code}` };
    if (FULL_MESSAGE.test(message)) return { kind: "full", detail: code ?? "disk full" };
    return { kind: "failed", detail: code ? `Prisma ${code}` : (name ?? "Prisma") };
  }
  if (name === "SqliteError" && code !== undefined) return classifySqlite(code, message);
  // pg's DatabaseError carries the SQLSTATE; its connection errors carry a socket errno.
  if (name === "DatabaseError" && code !== undefined && /^[0-9A-Z]{5}$/.test(code)) return classifySqlState(code);
  return undefined;
}

/** Prisma nests the driver adapter's error either as the error itself or under `meta.driverAdapterError`. */
function adapterCause(error: Record<string, unknown>): Record<string, unknown> | undefined {
  const meta = error.meta as { driverAdapterError?: { cause?: unknown } } | undefined;
  const cause = error.name === "DriverAdapterError" ? error.cause : meta?.driverAdapterError?.cause;
  return typeof cause === "object" && cause !== null ? (cause as Record<string, unknown>) : undefined;
}

function classifyAdapterCause(cause: Record<string, unknown>): MetadataDatabaseFailure | undefined {
  const kind = cause.kind;
  const code = typeof cause.code === "string" ? cause.code : typeof cause.originalCode === "string" ? cause.originalCode : undefined;
  if (kind === "postgres" && code !== undefined) return classifySqlState(code);
  if (kind === "sqlite") {
    const sqliteCode = typeof cause.extendedCode === "number" || typeof cause.extendedCode === "string" ? String(cause.extendedCode) : String(code ?? "");
    return classifySqlite(sqliteCode.startsWith("SQLITE_") ? sqliteCode : `SQLITE_${sqliteCode}`, String(cause.message ?? ""));
  }
  if (typeof kind === "string" && ADAPTER_UNAVAILABLE.has(kind)) return { kind: "unavailable", detail: kind };
  if (typeof kind === "string" && kind.length > 0) return { kind: "failed", detail: kind };
  return undefined;
}

function classifySqlState(sqlState: string): MetadataDatabaseFailure {
  const detail = `PostgreSQL ${sqlState}`;
  // 08: connection exceptions; 57P0x: the server shutting down or starting; 53300: too many connections;
  // 40001/40P01: serialization failure and deadlock; 55P03: lock not available.
  if (sqlState.startsWith("08") || sqlState.startsWith("57P") || sqlState === "53300" || sqlState === "40001" || sqlState === "40P01" || sqlState === "55P03") {
    return { kind: "unavailable", detail };
  }
  if (sqlState === "53100") return { kind: "full", detail: `${detail} disk_full` };
  return { kind: "failed", detail };
}

function classifySqlite(code: string, message: string): MetadataDatabaseFailure {
  if (code.startsWith("SQLITE_FULL") || FULL_MESSAGE.test(message)) return { kind: "full", detail: code };
  if (SQLITE_UNAVAILABLE.has(code)) return { kind: "unavailable", detail: code };
  return { kind: "failed", detail: code };
}
