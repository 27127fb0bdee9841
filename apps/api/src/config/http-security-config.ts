import { readFileSync } from "node:fs";
import type { AdminBootstrap } from "../security/admin-bootstrap.js";
import { checkAdminBootstrap } from "../security/admin-bootstrap.js";
import { StartupConfigError } from "./startup-config-error.js";

/** How HTTP clients authenticate: not at all (every request is `User:ANONYMOUS`), or the REST Proxy's BASIC. */
export type HttpAuthenticationMethod = "NONE" | "BASIC";

/** HTTPS for the HTTP listener: the PEM key and certificate chain, read at start. */
export interface HttpsSettings {
  key: string;
  cert: string;
  passphrase?: string;
  /** The files they came from, for the start log. */
  certFile: string;
}

/** The service's security settings, from the environment. */
export interface HttpSecurityConfig {
  /**
   * `SKEIN_AUTHENTICATION_METHOD` (the REST Proxy's `authentication.method`): BASIC asks every REST and WebSocket
   * request for HTTP Basic credentials (a user's password, or an API key's id and secret) or a console session.
   */
  authentication: HttpAuthenticationMethod;
  /** `SKEIN_HTTPS_CERT` and `SKEIN_HTTPS_KEY` (PEM files; `SKEIN_HTTPS_KEY_PASSWORD` for an encrypted key). */
  https: HttpsSettings | null;
  /** `SKEIN_ADMIN_USER` and `SKEIN_ADMIN_PASSWORD`: the first admin, made at start when missing, a super user. */
  admin: AdminBootstrap | undefined;
  /** `SKEIN_ALLOW_UNAUTHENTICATED=true`: serve HTTP or Kafka without authentication beyond loopback all the same. */
  allowUnauthenticated: boolean;
  /** `SKEIN_SESSION_TIMEOUT_MS`: how long a console sign-in lasts (default 8 hours). */
  sessionTimeoutMs: number;
}

const DEFAULT_SESSION_TIMEOUT_MS = 8 * 60 * 60 * 1000;

/** Reads and checks the security variables. @throws StartupConfigError naming the variable */
export function readHttpSecurityConfig(env: NodeJS.ProcessEnv): HttpSecurityConfig {
  const method = (env.SKEIN_AUTHENTICATION_METHOD?.trim() || "NONE").toUpperCase();
  if (method !== "NONE" && method !== "BASIC") throw new StartupConfigError(`SKEIN_AUTHENTICATION_METHOD must be NONE or BASIC, got "${env.SKEIN_AUTHENTICATION_METHOD}"`);
  return {
    authentication: method,
    https: readHttps(env),
    admin: readAdmin(env),
    allowUnauthenticated: readBoolean(env, "SKEIN_ALLOW_UNAUTHENTICATED"),
    sessionTimeoutMs: readPositiveInt(env, "SKEIN_SESSION_TIMEOUT_MS", DEFAULT_SESSION_TIMEOUT_MS),
  };
}

function readHttps(env: NodeJS.ProcessEnv): HttpsSettings | null {
  const certFile = env.SKEIN_HTTPS_CERT?.trim() || undefined;
  const keyFile = env.SKEIN_HTTPS_KEY?.trim() || undefined;
  if (certFile === undefined && keyFile === undefined) return null;
  if (certFile === undefined || keyFile === undefined) throw new StartupConfigError("HTTPS needs both SKEIN_HTTPS_CERT and SKEIN_HTTPS_KEY (PEM files)");
  const read = (file: string, variable: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch (error) {
      throw new StartupConfigError(`${variable}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  };
  const cert = read(certFile, "SKEIN_HTTPS_CERT");
  const key = read(keyFile, "SKEIN_HTTPS_KEY");
  if (!cert.includes("-----BEGIN CERTIFICATE-----")) throw new StartupConfigError(`SKEIN_HTTPS_CERT: ${certFile} holds no PEM certificate`);
  if (!/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(key)) throw new StartupConfigError(`SKEIN_HTTPS_KEY: ${keyFile} holds no PEM private key`);
  const passphrase = env.SKEIN_HTTPS_KEY_PASSWORD;
  return { cert, key, certFile, ...(passphrase ? { passphrase } : {}) };
}

function readAdmin(env: NodeJS.ProcessEnv): AdminBootstrap | undefined {
  const user = env.SKEIN_ADMIN_USER?.trim() || undefined;
  const password = env.SKEIN_ADMIN_PASSWORD || undefined;
  if (user === undefined && password === undefined) return undefined;
  if (user === undefined || password === undefined) throw new StartupConfigError("The first admin needs both SKEIN_ADMIN_USER and SKEIN_ADMIN_PASSWORD");
  const admin = { user, password };
  try {
    checkAdminBootstrap(admin);
  } catch (error) {
    throw new StartupConfigError((error as Error).message);
  }
  return admin;
}

function readBoolean(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = env[name]?.trim().toLowerCase();
  if (value === undefined || value === "" || value === "false") return false;
  if (value === "true") return true;
  throw new StartupConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function readPositiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name]?.trim();
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1) throw new StartupConfigError(`${name} must be a positive integer, got "${value}"`);
  return number;
}
