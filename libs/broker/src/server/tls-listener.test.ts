import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApiKey } from "@skein/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditLog, type AuditEvent } from "../security/audit-log.js";
import { makeTestCertificates, type TestCertificates } from "../test-support/certificates.js";
import { useKafkaListener, type RunningListener } from "../test-support/listener-fixture.js";
import { WireClient } from "../test-support/wire-client.js";

async function auditEvents(r: RunningListener): Promise<AuditEvent[]> {
  await r.security!.audit!.flush();
  const events: AuditEvent[] = [];
  for (let offset = 0; offset < r.broker.partitionOffsets(AuditLog.TOPIC, 0).logEndOffset; ) {
    const { records, nextOffset } = await r.broker.fetch(AuditLog.TOPIC, 0, offset);
    events.push(...records.map((rec) => JSON.parse(rec.value!.toString()) as AuditEvent));
    offset = nextOffset;
  }
  return events;
}

describe("TLS listeners", () => {
  const start = useKafkaListener();
  let certs: TestCertificates;
  beforeAll(() => {
    certs = makeTestCertificates(mkdtempSync(join(tmpdir(), "skein-certs-")));
  });
  afterAll(() => rmSync(certs.dir, { recursive: true, force: true }));
  const tlsConfig = (extra: Record<string, string> = {}) => ({
    listeners: "SSL://127.0.0.1:0,SASL_SSL://127.0.0.1:0",
    "ssl.keystore.location": certs.serverKeystorePath,
    "ssl.truststore.location": certs.caPath,
    "sasl.enabled.mechanisms": "SCRAM-SHA-256",
    "connection.failed.authentication.delay.ms": "0",
    ...extra,
  });

  it("SSL with a required client certificate: the certificate's subject is the principal (DEFAULT and RULE mapping)", async () => {
    const r = await start({
      brokerConfig: tlsConfig({ "ssl.client.auth": "required", "ssl.principal.mapping.rules": "RULE:^CN=([^,]+),OU=clients,.*$/$1/L,DEFAULT", "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer" }),
      security: true,
      useListenerConfigs: true,
    });
    await r.security!.authorizer!.createAcls([{ pattern: { resourceType: "TOPIC", name: "*", patternType: "LITERAL" }, entry: { principal: "User:alice", host: "*", operation: "DESCRIBE", permissionType: "ALLOW" } }]);
    await r.broker.createTopic({ name: "orders", partitions: 1 });
    const alice = certs.client("Alice");
    const client = await WireClient.connectTls(r.portOf("SSL"), { ca: certs.caCert, key: alice.key, cert: alice.cert });
    const metadata = await client.request(ApiKey.Metadata, 12, { topics: null });
    expect(metadata.topics.map((t: { name: string }) => t.name)).toContain("orders");
    expect(metadata.brokers[0].port).toBe(r.portOf("SSL"));
    client.close();
    expect(await auditEvents(r)).toContainEqual(expect.objectContaining({ principal: "User:alice", operation: "AUTHENTICATE", outcome: "success", request: "SSL" }));
  });

  it("SSL refuses a client without a certificate, or with one from an unknown CA, and audits it", async () => {
    const r = await start({ brokerConfig: tlsConfig({ "ssl.client.auth": "required" }), security: true, useListenerConfigs: true });
    await expect(WireClient.connectTls(r.portOf("SSL"), { ca: certs.caCert }).then((c) => c.request(ApiKey.ApiVersions, 0, {}))).rejects.toThrow();
    const stranger = certs.untrustedClient("eve");
    await expect(WireClient.connectTls(r.portOf("SSL"), { ca: certs.caCert, key: stranger.key, cert: stranger.cert }).then((c) => c.request(ApiKey.ApiVersions, 0, {}))).rejects.toThrow();
    const failures = (await auditEvents(r)).filter((e) => e.outcome === "failure");
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures[0]!.detail).toContain("TLS handshake failed");
  });

  it("SSL without client authentication: clients are User:ANONYMOUS; a PKCS12 key store works too", async () => {
    const r = await start({
      brokerConfig: tlsConfig({ "ssl.keystore.type": "PKCS12", "ssl.keystore.location": certs.serverPkcs12Path, "ssl.keystore.password": "changeit" }),
      security: true,
      useListenerConfigs: true,
    });
    const client = await WireClient.connectTls(r.portOf("SSL"), { ca: certs.caCert });
    expect((await client.request(ApiKey.Metadata, 12, { topics: null })).brokers[0].port).toBe(r.portOf("SSL"));
  });

  it("SASL_SSL: SCRAM over TLS", async () => {
    const r = await start({ brokerConfig: tlsConfig(), security: true, useListenerConfigs: true });
    await r.addUser("alice", "pw");
    const client = await WireClient.connectTls(r.portOf("SASL_SSL"), { ca: certs.caCert });
    expect(await client.saslScram("SCRAM-SHA-256", "alice", "pw")).toMatchObject({ errorCode: 0 });
    expect((await client.request(ApiKey.Metadata, 12, { topics: null })).brokers[0].port).toBe(r.portOf("SASL_SSL"));
  });

  it("TLS garbage (plaintext Kafka, random bytes) fails the handshake cleanly; after too many failures the address is turned away", async () => {
    const r = await start({ brokerConfig: tlsConfig({ "authentication.failures.max": "3" }), security: true, useListenerConfigs: true });
    const port = r.portOf("SSL");
    const garbage = [Buffer.from([0, 0, 0, 10, 0, 18, 0, 0, 0, 0, 0, 1, 0, 0]), Buffer.alloc(300, 0x16), Buffer.from("GET / HTTP/1.1\r\n\r\n")];
    for (const bytes of garbage) {
      await new Promise<void>((resolve) => {
        const socket = connect({ port, host: "127.0.0.1" }, () => socket.write(bytes));
        socket.on("error", () => undefined);
        socket.on("close", () => resolve());
      });
    }
    // Refused now even with a valid handshake.
    await expect(WireClient.connectTls(port, { ca: certs.caCert }).then((c) => c.request(ApiKey.ApiVersions, 0, {}))).rejects.toThrow();
    const failures = (await auditEvents(r)).filter((e) => e.outcome === "failure");
    expect(failures).toHaveLength(3);
    expect(failures[2]!.detail).toContain("refused for a while");
    // Other listeners and the broker are fine.
    const sasl = await WireClient.connectTls(r.portOf("SASL_SSL"), { ca: certs.caCert });
    expect((await sasl.request(ApiKey.ApiVersions, 0, {})).errorCode).toBe(0);
  });
});
