import { atLeast, booleanConfig, classConfig, intConfig, listConfig, longConfig, passwordConfig, stringConfig, textConfig } from "../cluster/config/config-def.js";

/** The Java class names Kafka users configure for an ACL authorizer; each means Skein's `Authorizer`. */
export const AUTHORIZER_CLASS_NAMES = ["", "org.apache.kafka.metadata.authorizer.StandardAuthorizer", "kafka.security.authorizer.AclAuthorizer"] as const;

/** The SASL mechanisms Skein serves. */
export const SASL_MECHANISMS = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** The key and trust store formats Skein reads (Kafka's JKS needs a Java runtime). */
export const STORE_TYPES = ["PEM", "PKCS12"] as const;

/**
 * Kafka's listener, TLS, SASL, authorizer and quota broker configs, with Kafka's names and (where Skein can honour
 * them) defaults; Skein's own audit and authentication-limiting configs beside them. All are static: they apply at
 * the next start. TLS and SASL configs may also be set per listener as `listener.name.<listener>.<config>`
 * (`listener.name.sasl_ssl.ssl.keystore.location`), as in Kafka.
 */
export const SECURITY_CONFIG_DEFS = {
  listeners: textConfig(
    "Kafka listeners, NAME://host:port separated by commas (PLAINTEXT://127.0.0.1:9092,SASL_SSL://0.0.0.0:9094); an empty host is every interface. Unset: one PLAINTEXT listener on the service's HOST and SKEIN_KAFKA_PORT.",
    null,
  ),
  "advertised.listeners": textConfig("What Metadata tells clients of each listener, NAME://host:port separated by commas; a listener not named advertises its own address.", null),
  "listener.security.protocol.map": textConfig(
    "Each listener name's security protocol, NAME:PROTOCOL separated by commas.",
    "SASL_SSL:SASL_SSL,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT",
  ),
  "sasl.enabled.mechanisms": listConfig("The SASL mechanisms SASL listeners accept. Skein serves PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 (Kafka's default is GSSAPI, which Skein does not serve).", ["SCRAM-SHA-256", "SCRAM-SHA-512"], SASL_MECHANISMS),
  "connections.max.reauth.ms": longConfig("The longest a SASL session lasts before the client must re-authenticate (KIP-368); 0 for no limit.", 0, atLeast(0)),
  "sasl.server.max.receive.size": intConfig("The largest SASL token a client may send before it has authenticated.", 524288, atLeast(1)),
  "connection.failed.authentication.delay.ms": intConfig("How long a connection whose authentication failed is held before it is closed.", 100, atLeast(0)),
  "authentication.failures.max": intConfig("Skein: failed authentications a client address may have within authentication.failures.window.ms before it is refused (on every edge).", 10, atLeast(1)),
  "authentication.failures.window.ms": longConfig("Skein: the span failed authentications are counted over, and the longest an address stays refused.", 60000, atLeast(1)),

  "ssl.keystore.type": stringConfig("The format of ssl.keystore.location: PEM (a private key and its certificate chain) or PKCS12. Kafka's default is JKS, which Skein cannot read.", "PEM", STORE_TYPES),
  "ssl.keystore.location": textConfig("The file with the listener's private key and certificate chain.", null),
  "ssl.keystore.password": passwordConfig("The PKCS12 key store's password."),
  "ssl.key.password": passwordConfig("The password of an encrypted PEM private key."),
  "ssl.keystore.key": passwordConfig("The listener's private key as PEM text, instead of ssl.keystore.location."),
  "ssl.keystore.certificate.chain": passwordConfig("The listener's certificate chain as PEM text, instead of ssl.keystore.location."),
  "ssl.truststore.type": stringConfig("The format of ssl.truststore.location: PEM (Kafka's default is JKS).", "PEM", ["PEM"]),
  "ssl.truststore.location": textConfig("The file with the CA certificates client certificates must chain to.", null),
  "ssl.truststore.certificates": passwordConfig("The trusted CA certificates as PEM text, instead of ssl.truststore.location."),
  "ssl.client.auth": stringConfig("Whether SSL listeners ask clients for a certificate: required, requested or none.", "none", ["required", "requested", "none"]),
  "ssl.enabled.protocols": listConfig("The TLS versions SSL listeners accept.", ["TLSv1.2", "TLSv1.3"], ["TLSv1.2", "TLSv1.3"]),
  "ssl.principal.mapping.rules": textConfig("How a client certificate's distinguished name becomes a principal name: DEFAULT (the whole name) or RULE:pattern/replacement/[LU] rules, as Kafka.", "DEFAULT"),

  "authorizer.class.name": classConfig("Set to org.apache.kafka.metadata.authorizer.StandardAuthorizer (or kafka.security.authorizer.AclAuthorizer) to enforce ACLs; empty allows everything, as Kafka without an authorizer.", "", AUTHORIZER_CLASS_NAMES),
  "super.users": textConfig("Principals allowed everything whatever the ACLs say, separated by semicolons (User:admin;User:ops).", null),
  "allow.everyone.if.no.acl.found": booleanConfig("Whether a resource no ACL names is open to everyone (otherwise only super users may use it).", false),

  "quota.window.num": intConfig("The number of samples client quota rates are measured over.", 11, atLeast(1)),
  "quota.window.size.seconds": intConfig("The length of each client quota sample.", 1, atLeast(1)),

  "audit.log.enable": booleanConfig("Skein: record authentications, changes and denied requests in the _skein_audit topic.", true),
  "audit.log.retention.ms": longConfig("Skein: how long audit records are kept (the _skein_audit topic's retention.ms).", 604800000, atLeast(-1)),
};

/** The configs that may be set per listener (`listener.name.<listener>.<config>`). */
export const PER_LISTENER_CONFIGS: ReadonlySet<string> = new Set(
  Object.keys(SECURITY_CONFIG_DEFS).filter((name) => name.startsWith("ssl.") || name === "sasl.enabled.mechanisms" || name === "connections.max.reauth.ms"),
);

/** For `listener.name.<listener>.<config>` with a config Skein takes per listener, that config's name; else undefined. */
export function perListenerConfigName(name: string): string | undefined {
  const match = /^listener\.name\.[a-z0-9_]+\.(.+)$/.exec(name);
  return match !== null && PER_LISTENER_CONFIGS.has(match[1]!) ? match[1] : undefined;
}
