import { readFileSync } from "node:fs";
import type { ConfigKey } from "../cluster/config/config-def.js";
import { PER_LISTENER_CONFIGS, SECURITY_CONFIG_DEFS, type SaslMechanism } from "../security/security-config-defs.js";
import { SslPrincipalMapper } from "../security/ssl-principal-mapper.js";
import type { SecurityProtocol } from "./connection.js";

const SECURITY_PROTOCOLS: readonly SecurityProtocol[] = ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"];

/** TLS for one listener: Node's secure-context options, built from Kafka's `ssl.*` configs. */
export interface ListenerTls {
  key?: string;
  cert?: string;
  pfx?: Buffer;
  passphrase?: string;
  ca?: string;
  clientAuth: "none" | "requested" | "required";
  minVersion: "TLSv1.2" | "TLSv1.3";
  maxVersion: "TLSv1.2" | "TLSv1.3";
  /** Turns a client certificate's subject into a principal name (`ssl.principal.mapping.rules`). */
  principalMapper: SslPrincipalMapper;
}

/** One Kafka listener, as `listeners`, `advertised.listeners`, `listener.security.protocol.map` and its configs define it. */
export interface ListenerConfig {
  /** The listener name, as written in `listeners` (`SASL_SSL`, `INTERNAL`). */
  name: string;
  securityProtocol: SecurityProtocol;
  /** The interface to bind; empty binds every interface. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** What Metadata tells clients who connected to this listener. */
  advertisedHost: string;
  /** The advertised port; the bound port when null. */
  advertisedPort: number | null;
  /** Null for PLAINTEXT and SASL_PLAINTEXT. */
  tls: ListenerTls | null;
  /** `sasl.enabled.mechanisms` for SASL listeners; empty otherwise. */
  saslMechanisms: SaslMechanism[];
  /** `connections.max.reauth.ms`. */
  reauthMs: number;
}

/** What applies when `listeners` is not set: one PLAINTEXT listener (the service's HOST and SKEIN_KAFKA_PORT). */
export interface DefaultListener {
  host: string;
  port: number;
  advertisedHost: string;
  advertisedPort?: number;
}

/** A listener setting that cannot be used; the message names the config. */
export class ListenerConfigError extends Error {}

/**
 * Reads the listeners from static broker configs with Kafka's names and rules: `listeners` as
 * `NAME://host:port,…` (names unique, each mapped to a security protocol by `listener.security.protocol.map`),
 * `advertised.listeners` for what clients are told, and per listener the TLS and SASL configs, each first as
 * `listener.name.<name>.<config>`, then as `<config>`. Certificates and keys are read from their files now.
 * @throws ListenerConfigError
 */
export function listenerConfigs(configs: Readonly<Record<string, string>>, fallback: DefaultListener): ListenerConfig[] {
  const protocolMap = parseProtocolMap(value(configs, null, "listener.security.protocol.map") as string);
  const listenersText = configs.listeners?.trim();
  const listeners =
    listenersText === undefined || listenersText === ""
      ? [{ name: "PLAINTEXT", host: fallback.host, port: fallback.port }]
      : parseEndpoints("listeners", listenersText);
  const advertised = new Map(parseEndpoints("advertised.listeners", configs["advertised.listeners"]?.trim() ?? "").map((e) => [e.name, e]));
  const seen = new Set<string>();
  for (const listener of listeners) {
    if (seen.has(listener.name)) throw new ListenerConfigError(`listeners: each listener must have a different name, ${listener.name} is listed twice`);
    seen.add(listener.name);
  }
  for (const name of advertised.keys()) {
    if (!seen.has(name)) throw new ListenerConfigError(`advertised.listeners: ${name} is not one of the listeners (${[...seen].join(", ")})`);
  }
  const ports = listeners.filter((l) => l.port !== 0).map((l) => l.port);
  const duplicate = ports.find((p, i) => ports.indexOf(p) !== i);
  if (duplicate !== undefined) throw new ListenerConfigError(`listeners: each listener must have a different port, ${duplicate} is used twice`);

  return listeners.map((listener) => {
    const securityProtocol = protocolMap.get(listener.name) ?? (SECURITY_PROTOCOLS.includes(listener.name as SecurityProtocol) ? (listener.name as SecurityProtocol) : undefined);
    if (securityProtocol === undefined) throw new ListenerConfigError(`listener.security.protocol.map: no security protocol defined for listener ${listener.name}`);
    const own = advertised.get(listener.name);
    const wildcard = listener.host === "" || listener.host === "0.0.0.0" || listener.host === "::";
    const defaultAdvertised = listenersText ? (wildcard ? fallback.advertisedHost : listener.host) : fallback.advertisedHost;
    const sasl = securityProtocol === "SASL_PLAINTEXT" || securityProtocol === "SASL_SSL";
    return {
      name: listener.name,
      securityProtocol,
      host: listener.host,
      port: listener.port,
      advertisedHost: own?.host || defaultAdvertised,
      advertisedPort: own?.port ?? (listenersText ? null : (fallback.advertisedPort ?? null)),
      tls: securityProtocol === "SSL" || securityProtocol === "SASL_SSL" ? tlsSettings(configs, listener.name, securityProtocol) : null,
      saslMechanisms: sasl ? [...(value(configs, listener.name, "sasl.enabled.mechanisms") as SaslMechanism[])] : [],
      reauthMs: value(configs, listener.name, "connections.max.reauth.ms") as number,
    };
  });
}

/** `NAME://host:port` entries, as Kafka's `SocketServerConfigs.listenerListToEndPoints` reads them. */
function parseEndpoints(config: string, text: string): { name: string; host: string; port: number }[] {
  if (text === "") return [];
  return text.split(",").map((entry) => {
    const match = /^\s*([A-Za-z0-9_]+):\/\/\[?([0-9a-zA-Z\-%._:]*?)\]?:(\d+)\s*$/.exec(entry);
    if (!match) throw new ListenerConfigError(`${config}: '${entry.trim()}' is not NAME://host:port`);
    const port = Number(match[3]);
    if (port > 65535) throw new ListenerConfigError(`${config}: port ${port} of ${match[1]} is above 65535`);
    return { name: match[1]!.toUpperCase(), host: match[2]!, port };
  });
}

function parseProtocolMap(text: string): Map<string, SecurityProtocol> {
  const map = new Map<string, SecurityProtocol>();
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [name, protocol] = entry.split(":").map((p) => p.trim().toUpperCase());
    if (!name || !protocol || !SECURITY_PROTOCOLS.includes(protocol as SecurityProtocol)) {
      throw new ListenerConfigError(`listener.security.protocol.map: '${entry}' must be NAME:PROTOCOL with PROTOCOL one of ${SECURITY_PROTOCOLS.join(", ")}`);
    }
    map.set(name, protocol as SecurityProtocol);
  }
  return map;
}

/** A security config for a listener: `listener.name.<name>.<config>`, else `<config>`, else its default; parsed. */
function value(configs: Readonly<Record<string, string>>, listener: string | null, name: keyof typeof SECURITY_CONFIG_DEFS): unknown {
  const key = SECURITY_CONFIG_DEFS[name] as ConfigKey<unknown>;
  const perListener = listener !== null && PER_LISTENER_CONFIGS.has(name) ? `listener.name.${listener.toLowerCase()}.${name}` : null;
  const [setAs, raw] = perListener !== null && configs[perListener] !== undefined ? [perListener, configs[perListener]] : [name, configs[name]];
  if (raw === undefined) return key.defaultValue;
  try {
    return key.parse(setAs, raw);
  } catch (error) {
    throw new ListenerConfigError((error as Error).message);
  }
}

/** Which config set `name` for the listener, for messages. */
function setAs(configs: Readonly<Record<string, string>>, listener: string, name: string): string {
  const perListener = `listener.name.${listener.toLowerCase()}.${name}`;
  return configs[perListener] !== undefined ? perListener : name;
}

function tlsSettings(configs: Readonly<Record<string, string>>, listener: string, protocol: SecurityProtocol): ListenerTls {
  const get = (name: keyof typeof SECURITY_CONFIG_DEFS) => value(configs, listener, name);
  const read = (name: keyof typeof SECURITY_CONFIG_DEFS, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new ListenerConfigError(`${setAs(configs, listener, name)}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  };
  const tls: Partial<ListenerTls> = {};
  const location = get("ssl.keystore.location") as string | null;
  const inlineKey = get("ssl.keystore.key") as string | null;
  if (location !== null) {
    const bytes = read("ssl.keystore.location", location);
    if (get("ssl.keystore.type") === "PKCS12") {
      tls.pfx = bytes;
      tls.passphrase = (get("ssl.keystore.password") as string | null) ?? undefined;
    } else {
      ({ key: tls.key, cert: tls.cert } = splitPem(bytes.toString("utf8"), setAs(configs, listener, "ssl.keystore.location")));
      tls.passphrase = (get("ssl.key.password") as string | null) ?? undefined;
    }
  } else if (inlineKey !== null) {
    const chain = get("ssl.keystore.certificate.chain") as string | null;
    if (chain === null) throw new ListenerConfigError(`${setAs(configs, listener, "ssl.keystore.key")} needs ssl.keystore.certificate.chain too`);
    tls.key = inlineKey;
    tls.cert = chain;
    tls.passphrase = (get("ssl.key.password") as string | null) ?? undefined;
  } else {
    throw new ListenerConfigError(`Listener ${listener} (${protocol}) needs a certificate and key: set ssl.keystore.location (or listener.name.${listener.toLowerCase()}.ssl.keystore.location) to a PEM file holding the private key and its certificate chain`);
  }
  const truststore = get("ssl.truststore.location") as string | null;
  const inlineCa = get("ssl.truststore.certificates") as string | null;
  if (truststore !== null) tls.ca = read("ssl.truststore.location", truststore).toString("utf8");
  else if (inlineCa !== null) tls.ca = inlineCa;
  // Kafka applies the broker-wide ssl.client.auth to SSL listeners only; a SASL_SSL listener asks for certificates when its own listener.name.* config says so (KIP-684).
  const clientAuthName = `listener.name.${listener.toLowerCase()}.ssl.client.auth`;
  const clientAuth = (protocol === "SASL_SSL" && configs[clientAuthName] === undefined ? "none" : get("ssl.client.auth")) as ListenerTls["clientAuth"];
  if (clientAuth !== "none" && tls.ca === undefined) throw new ListenerConfigError(`${setAs(configs, listener, "ssl.client.auth")}=${clientAuth} needs ssl.truststore.location: the CA certificates client certificates must chain to`);
  const protocols = (get("ssl.enabled.protocols") as string[]).slice().sort();
  if (protocols.length === 0) throw new ListenerConfigError(`${setAs(configs, listener, "ssl.enabled.protocols")} must name at least one TLS version`);
  let principalMapper: SslPrincipalMapper;
  try {
    principalMapper = new SslPrincipalMapper(get("ssl.principal.mapping.rules") as string);
  } catch (error) {
    throw new ListenerConfigError((error as Error).message);
  }
  return {
    ...tls,
    clientAuth,
    minVersion: protocols[0] as ListenerTls["minVersion"],
    maxVersion: protocols[protocols.length - 1] as ListenerTls["maxVersion"],
    principalMapper,
  };
}

/** The private key and the certificates of a PEM file holding both (Kafka's PEM key store). */
function splitPem(text: string, config: string): { key: string; cert: string } {
  const key = /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.exec(text)?.[0];
  const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (key === undefined) throw new ListenerConfigError(`${config}: no private key in the PEM file`);
  if (certs === null) throw new ListenerConfigError(`${config}: no certificate in the PEM file`);
  return { key, cert: certs.join("\n") };
}
