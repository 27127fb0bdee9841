import { describe, expect, it } from "vitest";
import { makeTestCertificates } from "../test-support/certificates.js";
import { useTempDirs } from "../test-support/temp-dir.js";
import { ListenerConfigError, listenerConfigs } from "./listener-config.js";

const fallback = { host: "0.0.0.0", port: 9092, advertisedHost: "127.0.0.1" };

describe("listenerConfigs", () => {
  const tempDir = useTempDirs();

  it("without listeners: one PLAINTEXT listener on the service's host and port", () => {
    expect(listenerConfigs({}, { ...fallback, advertisedPort: 19092 })).toEqual([
      { name: "PLAINTEXT", securityProtocol: "PLAINTEXT", host: "0.0.0.0", port: 9092, advertisedHost: "127.0.0.1", advertisedPort: 19092, tls: null, saslMechanisms: [], reauthMs: 0 },
    ]);
  });

  it("reads Kafka's listeners, advertised.listeners and listener.security.protocol.map", () => {
    const listeners = listenerConfigs(
      {
        listeners: "PLAINTEXT://127.0.0.1:9092,CLIENTS://:9095",
        "advertised.listeners": "CLIENTS://broker.example.com:19095",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CLIENTS:SASL_PLAINTEXT",
        "sasl.enabled.mechanisms": "SCRAM-SHA-512",
        "listener.name.clients.connections.max.reauth.ms": "3600000",
      },
      fallback,
    );
    expect(listeners.map(({ name, securityProtocol, host, port, advertisedHost, advertisedPort, saslMechanisms, reauthMs }) => ({ name, securityProtocol, host, port, advertisedHost, advertisedPort, saslMechanisms, reauthMs }))).toEqual([
      { name: "PLAINTEXT", securityProtocol: "PLAINTEXT", host: "127.0.0.1", port: 9092, advertisedHost: "127.0.0.1", advertisedPort: null, saslMechanisms: [], reauthMs: 0 },
      { name: "CLIENTS", securityProtocol: "SASL_PLAINTEXT", host: "", port: 9095, advertisedHost: "broker.example.com", advertisedPort: 19095, saslMechanisms: ["SCRAM-SHA-512"], reauthMs: 3600000 },
    ]);
  });

  it("refuses what Kafka refuses, naming the config", () => {
    const refuse = (configs: Record<string, string>) => () => listenerConfigs(configs, fallback);
    expect(refuse({ listeners: "PLAINTEXT://:9092,PLAINTEXT://:9093" })).toThrow("listeners: each listener must have a different name, PLAINTEXT is listed twice");
    expect(refuse({ listeners: "PLAINTEXT://:9092,SSL://:9092" })).toThrow(ListenerConfigError);
    expect(refuse({ listeners: "INTERNAL://:9092" })).toThrow("no security protocol defined for listener INTERNAL");
    expect(refuse({ listeners: "PLAINTEXT:9092" })).toThrow("listeners: 'PLAINTEXT:9092' is not NAME://host:port");
    expect(refuse({ listeners: "PLAINTEXT://:9092", "advertised.listeners": "SSL://a:1" })).toThrow("advertised.listeners: SSL is not one of the listeners (PLAINTEXT)");
    expect(refuse({ listeners: "SASL_PLAINTEXT://:9092", "sasl.enabled.mechanisms": "GSSAPI" })).toThrow(/sasl.enabled.mechanisms/);
    expect(refuse({ listeners: "SSL://:9093" })).toThrow(/needs a certificate and key: set ssl.keystore.location/);
    expect(refuse({ listeners: "SSL://:9093", "ssl.keystore.location": "/nonexistent/keystore.pem" })).toThrow("ssl.keystore.location: cannot read /nonexistent/keystore.pem: ENOENT");
  });

  it("builds TLS from a PEM key store, per listener first, and requires a trust store for client authentication", () => {
    const certs = makeTestCertificates(tempDir());
    const [ssl] = listenerConfigs({ listeners: "SSL://:9093", "listener.name.ssl.ssl.keystore.location": certs.serverKeystorePath, "ssl.truststore.location": certs.caPath, "ssl.client.auth": "requested" }, fallback);
    expect(ssl!.tls).toMatchObject({ clientAuth: "requested", minVersion: "TLSv1.2", maxVersion: "TLSv1.3", ca: certs.caCert });
    expect(ssl!.tls!.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(ssl!.tls!.cert!.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(() => listenerConfigs({ listeners: "SSL://:9093", "ssl.keystore.location": certs.serverKeystorePath, "ssl.client.auth": "required" }, fallback)).toThrow(/needs ssl.truststore.location/);
    // SASL_SSL takes ssl.client.auth only from its own listener.name.* config, as Kafka (KIP-684).
    const [saslSsl] = listenerConfigs({ listeners: "SASL_SSL://:9094", "ssl.keystore.location": certs.serverKeystorePath, "ssl.client.auth": "required", "ssl.truststore.location": certs.caPath }, fallback);
    expect(saslSsl!.tls!.clientAuth).toBe("none");
  });
});
