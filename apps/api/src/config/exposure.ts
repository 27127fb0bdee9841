import type { ListenerConfig } from "@skein/broker";
import type { ServiceConfig } from "./service-config.js";
import { StartupConfigError } from "./startup-config-error.js";

/** Whether `host` binds the loopback interface only (an empty host or a wildcard binds every interface). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/**
 * Whether a Kafka listener authenticates its clients: SASL, or TLS requiring a client certificate. On the others every
 * client is `User:ANONYMOUS` (or a principal it need not prove).
 */
export function authenticatesClients(listener: ListenerConfig): boolean {
  if (listener.securityProtocol === "SASL_PLAINTEXT" || listener.securityProtocol === "SASL_SSL") return true;
  return listener.securityProtocol === "SSL" && listener.tls?.clientAuth === "required";
}

/**
 * The safe default: HTTP without authentication, and Kafka listeners that do not authenticate, serve loopback only
 * unless `SKEIN_ALLOW_UNAUTHENTICATED=true`. Returns the exposures that setting allowed (said at start).
 * @throws StartupConfigError naming what would be exposed and how to allow or secure it
 */
export function checkExposure(config: ServiceConfig, listeners: readonly ListenerConfig[]): string[] {
  const exposed: string[] = [];
  if (config.security.authentication === "NONE" && !isLoopbackHost(config.host)) exposed.push(`HTTP on ${config.host} (HOST) without authentication`);
  for (const listener of listeners) {
    if (!authenticatesClients(listener) && !isLoopbackHost(listener.host)) {
      exposed.push(`Kafka listener ${listener.name} (${listener.securityProtocol}) on ${listener.host || "every interface"} without authentication`);
    }
  }
  if (exposed.length > 0 && !config.security.allowUnauthenticated) {
    throw new StartupConfigError(
      `Refusing to serve ${exposed.join(" and ")} to other hosts: bind loopback (HOST=127.0.0.1, listeners on 127.0.0.1), ` +
        "require authentication (SKEIN_AUTHENTICATION_METHOD=BASIC for HTTP; SASL_PLAINTEXT, SASL_SSL or SSL with ssl.client.auth=required for Kafka), " +
        "or set SKEIN_ALLOW_UNAUTHENTICATED=true",
    );
  }
  return exposed;
}

/** The start log's Security line: how each edge authenticates, whether ACLs apply, and what is open without either. */
export function securityLine(config: ServiceConfig, listeners: readonly ListenerConfig[], authorizationEnabled: boolean, exposed: readonly string[]): string {
  const http = config.security.authentication === "BASIC" ? "HTTP BASIC (users, API keys) and console sign-in" : "HTTP without authentication (every request is User:ANONYMOUS)";
  const kafka = listeners.map((l) => `${l.name}${authenticatesClients(l) ? (l.saslMechanisms.length > 0 ? ` (${l.saslMechanisms.join(",")})` : " (client certificates)") : " (unauthenticated)"}`).join(", ");
  const acls = authorizationEnabled ? "ACLs enforced" : "no authorizer (every principal may do everything)";
  const open = exposed.length > 0 ? `; SKEIN_ALLOW_UNAUTHENTICATED=true exposes ${exposed.join(", ")}` : "; unauthenticated endpoints listen on loopback only";
  return `Security  ${http}; Kafka ${kafka}; ${acls}${open}`;
}
