import { resolve } from "node:path";
import type { Acks } from "@skein/broker";
import { DEFAULT_PRODUCER_ACKS, parseAcks } from "../records/producer-acks.js";

/** How the service is started: read once from the environment by main.ts. */
export interface ServiceConfig {
  /** HTTP port (`PORT`, default 8080; 0 picks a free one). */
  port: number;
  /** Interface to listen on (`HOST`, default all interfaces). */
  host: string;
  /** Absolute data directory (`SKEIN_DATA_DIR`, default ./data): partition logs, and the SQLite metadata file. */
  dataDir: string;
  /** `DATABASE_URL`: a postgresql:// URL puts the metadata in PostgreSQL; unset means SQLite in the data directory. */
  databaseUrl: string | undefined;
  /** `SKEIN_PRODUCER_ACKS`: what REST and WebSocket produces wait for unless a request says otherwise (default all). */
  producerAcks: Acks;
}

/** Reads and checks the service's environment variables; throws naming the variable that is wrong. */
export function readServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return {
    port: parsePort(env.PORT),
    host: env.HOST?.trim() || "0.0.0.0",
    dataDir: resolve(env.SKEIN_DATA_DIR?.trim() || "data"),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    producerAcks: env.SKEIN_PRODUCER_ACKS?.trim() ? parseAcks(env.SKEIN_PRODUCER_ACKS, (message) => new Error(`SKEIN_PRODUCER_ACKS: ${message}`)) : DEFAULT_PRODUCER_ACKS,
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 8080;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
  return port;
}
