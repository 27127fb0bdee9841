// Apache Kafka or Skein with Kafka's security settings, for the security suite and the benchmark: PLAINTEXT (for
// bootstrapping users), SASL_PLAINTEXT and SASL_SSL with PLAIN and SCRAM, TLS from PEM files, the StandardAuthorizer.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startApacheKafka } from "./apache-kafka.mjs";
import { makeServerCertificates } from "./certificates.mjs";
import { kafkaTool } from "./kafka-tool.mjs";
import { startSkeinBroker } from "./skein-broker.mjs";

/** Users every secured broker has, with SCRAM-SHA-256 and SCRAM-SHA-512 credentials (and PLAIN). */
export const USERS = /** @type {const} */ ({ admin: "admin-secret", alice: "alice-secret", bob: "bob-secret" });

/** @typedef {keyof typeof USERS} UserName */
/** @typedef {"PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512"} Mechanism */

/**
 * The security settings both targets get, in Kafka's names. Apache Kafka checks PLAIN passwords against the JAAS
 * `user_<name>` entries, Skein against the users' SCRAM credentials (it ignores the JAAS configs, with a warning):
 * both get the same passwords. `User:ANONYMOUS` (PLAINTEXT, and Apache Kafka's own controller traffic) is a super user.
 * @param {{ caPath: string, serverKeystorePath: string }} certificates
 * @param {Record<string, string>} extra
 * @returns {Record<string, string>}
 */
function securityProperties(certificates, extra) {
  const plainJaas = `org.apache.kafka.common.security.plain.PlainLoginModule required ${Object.entries(USERS)
    .map(([user, password]) => `user_${user}="${password}"`)
    .join(" ")};`;
  const scramJaas = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
  /** @type {Record<string, string>} */
  const properties = {
    "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
    "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
    "super.users": "User:admin;User:ANONYMOUS",
    "allow.everyone.if.no.acl.found": "false",
    "ssl.keystore.type": "PEM",
    "ssl.keystore.location": certificates.serverKeystorePath,
    "ssl.truststore.type": "PEM",
    "ssl.truststore.location": certificates.caPath,
    ...extra,
  };
  for (const listener of ["sasl_plaintext", "sasl_ssl"]) {
    properties[`listener.name.${listener}.plain.sasl.jaas.config`] = plainJaas;
    properties[`listener.name.${listener}.scram-sha-256.sasl.jaas.config`] = scramJaas;
    properties[`listener.name.${listener}.scram-sha-512.sasl.jaas.config`] = scramJaas;
  }
  return properties;
}

/**
 * Starts Apache Kafka or Skein with the security settings, and gives every user its SCRAM credentials through
 * `kafka-configs` (AlterUserScramCredentials) on the PLAINTEXT listener.
 * @param {"apache-kafka" | "skein"} target
 * @param {{ config?: Record<string, string> }} [options] more broker configs (both targets)
 */
export async function startSecuredBroker(target, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), "skein-secured-"));
  const certificates = makeServerCertificates(dir);
  const ports = { plaintext: await freePort(), sasl: await freePort(), ssl: await freePort() };
  const listeners = (extra = "") => `PLAINTEXT://127.0.0.1:${ports.plaintext},SASL_PLAINTEXT://127.0.0.1:${ports.sasl},SASL_SSL://127.0.0.1:${ports.ssl}${extra}`;
  const properties = securityProperties(certificates, options.config ?? {});
  /** @type {() => Promise<void>} */
  let stopBroker;
  try {
    if (target === "apache-kafka") {
      const kafka = await startApacheKafka({
        config: ({ controllerPort }) => ({
          ...properties,
          listeners: listeners(`,CONTROLLER://127.0.0.1:${controllerPort}`),
          "advertised.listeners": listeners(),
          "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
        }),
      });
      stopBroker = kafka.stop;
    } else {
      const file = join(dir, "server.properties");
      // Every client of the suite connects from 127.0.0.1, and some fail on purpose: room before Skein refuses the address.
      writeFileSync(file, Object.entries({ ...properties, listeners: listeners(), "authentication.failures.max": "100" }).map(([key, value]) => `${key}=${value}\n`).join(""));
      const skein = await startSkeinBroker({ kafkaPort: ports.plaintext, env: { SKEIN_CONFIG: file } });
      stopBroker = skein.stop;
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const broker = {
    plaintext: `127.0.0.1:${ports.plaintext}`,
    saslPlaintext: `127.0.0.1:${ports.sasl}`,
    saslSsl: `127.0.0.1:${ports.ssl}`,
    /** The CA that signed the broker's certificate (PEM). */
    caPath: certificates.caPath,
    /**
     * A client properties file for `user` (`--command-config`, `--producer.config`, `--consumer.config`).
     * @param {UserName} user
     * @param {Mechanism} mechanism
     * @param {boolean} tls
     */
    clientConfig(user, mechanism, tls) {
      const file = join(dir, `${user}-${mechanism}-${tls ? "ssl" : "plaintext"}.properties`);
      const loginModule = mechanism === "PLAIN" ? "org.apache.kafka.common.security.plain.PlainLoginModule" : "org.apache.kafka.common.security.scram.ScramLoginModule";
      const lines = [
        `security.protocol=${tls ? "SASL_SSL" : "SASL_PLAINTEXT"}`,
        `sasl.mechanism=${mechanism}`,
        `sasl.jaas.config=${loginModule} required username="${user}" password="${USERS[user]}";`,
        ...(tls ? ["ssl.truststore.type=PEM", `ssl.truststore.location=${certificates.caPath}`] : []),
      ];
      writeFileSync(file, `${lines.join("\n")}\n`);
      return file;
    },
    async stop() {
      await stopBroker();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    // One mechanism per request: Kafka refuses two changes of one user's credentials in a request (DUPLICATE_RESOURCE).
    for (const [user, password] of Object.entries(USERS)) {
      for (const mechanism of ["SCRAM-SHA-256", "SCRAM-SHA-512"]) {
        const added = await kafkaTool("kafka-configs", [
          "--bootstrap-server", broker.plaintext, "--alter", "--entity-type", "users", "--entity-name", user, "--add-config", `${mechanism}=[password=${password}]`,
        ]);
        if (added.code !== 0) throw new Error(`kafka-configs could not add ${user}'s ${mechanism} credential: ${added.stdout}${added.stderr}`);
      }
    }
  } catch (error) {
    await broker.stop();
    throw error;
  }
  return broker;
}
