import { resolve } from "node:path";
import type { Acks } from "@skein/broker";
import { DEFAULT_PRODUCER_ACKS, parseAcks } from "../records/producer-acks.js";
import { readHttpSecurityConfig, type HttpSecurityConfig } from "./http-security-config.js";

/** How the service is started: read once from the environment by main.ts. */
export interface ServiceConfig {
  /** HTTP port (`PORT`, default 8080; 0 picks a free one). */
  port: number;
  /**
   * Interface to listen on (`HOST`): by default every interface when HTTP clients must authenticate, loopback only
   * when they need not (safe defaults: nothing unauthenticated is reachable from other hosts unless asked for).
   */
  host: string;
  /** Whether HOST was set, rather than chosen by the safe default. */
  hostExplicit: boolean;
  /** Absolute data directory (`SKEIN_DATA_DIR`, default ./data): partition logs, and the SQLite metadata file. */
  dataDir: string;
  /** `DATABASE_URL`: a postgresql:// URL puts the metadata in PostgreSQL; unset means SQLite in the data directory. */
  databaseUrl: string | undefined;
  /** The Kafka listener's port (`SKEIN_KAFKA_PORT`, default 9092; 0 picks a free one). */
  kafkaPort: number;
  /**
   * What clients are told to connect to (`SKEIN_ADVERTISED_LISTENER`, `host:port` or `PLAINTEXT://host:port`). The
   * default is 127.0.0.1 (an IPv4 address: librdkafka may resolve `localhost` to ::1) or HOST when it names one
   * interface, with the bound port.
   */
  advertisedListener: { host: string; port: number | undefined };
  /** `SKEIN_PRODUCER_ACKS`: what REST and WebSocket produces wait for unless a request says otherwise (default all). */
  producerAcks: Acks;
  /**
   * `SKEIN_ETCD_ENDPOINTS` (comma-separated etcd client URLs): makes this broker a member of a cluster whose metadata
   * lives in etcd; unset runs a single broker. `SKEIN_ETCD_PREFIX` (default `/skein/`) keeps several clusters apart.
   */
  cluster: { etcdEndpoints: string[]; etcdPrefix: string } | undefined;
  /** Authentication, HTTPS, the first admin and the safe defaults' override. */
  security: HttpSecurityConfig;
}

/** Reads and checks the service's environment variables; throws naming the variable that is wrong. */
export function readServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const security = readHttpSecurityConfig(env);
  const host = env.HOST?.trim() || (security.authentication === "NONE" ? "127.0.0.1" : "0.0.0.0");
  return {
    port: parsePort(env.PORT, "PORT", 8080),
    host,
    hostExplicit: Boolean(env.HOST?.trim()),
    dataDir: resolve(env.SKEIN_DATA_DIR?.trim() || "data"),
    databaseUrl: env.DATABASE_URL?.trim() || undefined,
    kafkaPort: parsePort(env.SKEIN_KAFKA_PORT, "SKEIN_KAFKA_PORT", 9092),
    advertisedListener: parseAdvertisedListener(env.SKEIN_ADVERTISED_LISTENER, host),
    producerAcks: env.SKEIN_PRODUCER_ACKS?.trim() ? parseAcks(env.SKEIN_PRODUCER_ACKS, (message) => new Error(`SKEIN_PRODUCER_ACKS: ${message}`)) : DEFAULT_PRODUCER_ACKS,
    cluster: parseCluster(env.SKEIN_ETCD_ENDPOINTS, env.SKEIN_ETCD_PREFIX),
    security,
  };
}

function parseCluster(endpoints: string | undefined, prefix: string | undefined): ServiceConfig["cluster"] {
  if (endpoints === undefined || endpoints.trim() === "") return undefined;
  const list = endpoints.split(",").map((e) => e.trim()).filter((e) => e.length > 0);
  for (const endpoint of list) {
    if (!/^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(endpoint)) throw new Error(`SKEIN_ETCD_ENDPOINTS must list etcd client URLs such as http://127.0.0.1:2379, got "${endpoint}"`);
  }
  const trimmed = prefix?.trim() || "/skein/";
  if (!trimmed.startsWith("/")) throw new Error(`SKEIN_ETCD_PREFIX must start with /, got "${trimmed}"`);
  return { etcdEndpoints: list, etcdPrefix: trimmed.endsWith("/") ? trimmed : `${trimmed}/` };
}

function parseAdvertisedListener(value: string | undefined, host: string): { host: string; port: number | undefined } {
  const wildcard = host === "0.0.0.0" || host === "::";
  if (value === undefined || value.trim() === "") return { host: wildcard ? "127.0.0.1" : host, port: undefined };
  const match = /^(?:[A-Z_]+:\/\/)?(\[[^\]]+\]|[^:\s]+):(\d+)$/.exec(value.trim());
  if (!match) throw new Error(`SKEIN_ADVERTISED_LISTENER must be host:port (or PLAINTEXT://host:port), got "${value}"`);
  return { host: match[1]!.replace(/^\[(.*)\]$/, "$1"), port: parsePort(match[2], "SKEIN_ADVERTISED_LISTENER's port", 9092) };
}

function parsePort(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be an integer from 0 to 65535, got "${value}"`);
  return port;
}
