import { ApiKey } from "@skein/protocol";
import { describe, expect, it } from "vitest";
import { AuditLog, type AuditEvent } from "../security/audit-log.js";
import { useKafkaListener, type RunningListener } from "../test-support/listener-fixture.js";
import { ScramClient } from "../test-support/scram-client.js";
import { WireClient } from "../test-support/wire-client.js";

const SASL_BROKER = {
  listeners: "SASL_PLAINTEXT://127.0.0.1:0,PLAINTEXT://127.0.0.1:0",
  "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512",
  "connection.failed.authentication.delay.ms": "0",
};

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

describe("SASL on the Kafka listener", () => {
  const start = useKafkaListener();
  const saslBroker = async (config: Record<string, string> = {}) => {
    const r = await start({ brokerConfig: { ...SASL_BROKER, ...config }, security: true, useListenerConfigs: true });
    await r.addUser("alice", "alice-secret");
    return r;
  };

  for (const mechanism of ["SCRAM-SHA-256", "SCRAM-SHA-512"] as const) {
    it(`${mechanism}: authenticates, then serves requests as the user, and audits the authentication`, async () => {
      const r = await saslBroker();
      const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
      const versions = await client.request(ApiKey.ApiVersions, 3, { clientSoftwareName: "test", clientSoftwareVersion: "1" });
      expect(versions.apiKeys.map((k: { apiKey: number }) => k.apiKey)).toContain(ApiKey.SaslAuthenticate);
      const done = await client.saslScram(mechanism, "alice", "alice-secret");
      expect(done).toMatchObject({ errorCode: 0, sessionLifetimeMs: 0 });
      const metadata = await client.request(ApiKey.Metadata, 12, { topics: null });
      expect(metadata.brokers[0].port).toBe(r.portOf("SASL_PLAINTEXT"));
      client.close();
      expect(await auditEvents(r)).toContainEqual(expect.objectContaining({ principal: "User:alice", surface: "wire", operation: "AUTHENTICATE", outcome: "success", detail: expect.stringContaining(mechanism) }));
    });
  }

  it("PLAIN checks the password against the user's SCRAM credential", async () => {
    const r = await saslBroker();
    const good = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await good.saslPlain("alice", "alice-secret")).toMatchObject({ errorCode: 0 });
    expect((await good.request(ApiKey.Metadata, 12, { topics: null })).brokers).toHaveLength(1);
    good.close();
    const bad = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await bad.saslPlain("alice", "wrong")).toMatchObject({
      errorCode: 58,
      errorMessage: "Authentication failed during authentication due to invalid credentials with SASL mechanism PLAIN",
    });
    await bad.closed;
    expect(await auditEvents(r)).toContainEqual(expect.objectContaining({ principal: "User:alice", operation: "AUTHENTICATE", outcome: "failure", sourceAddress: "127.0.0.1" }));
  });

  it("a wrong SCRAM proof and an unknown user fail alike, and close the connection after the response", async () => {
    const r = await saslBroker();
    for (const [user, password] of [
      ["alice", "not-her-password"],
      ["mallory", "anything"],
    ]) {
      const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
      expect(await client.saslScram("SCRAM-SHA-256", user!, password!)).toMatchObject({
        errorCode: 58,
        errorMessage: "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256",
      });
      await client.closed;
    }
  });

  it("a client-final message replayed on another connection fails", async () => {
    const r = await saslBroker();
    const scram = new ScramClient("SCRAM-SHA-256", "alice", "alice-secret", "replayed-nonce");
    const first = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await first.request(ApiKey.SaslHandshake, 1, { mechanism: "SCRAM-SHA-256" });
    const serverFirst = await first.request(ApiKey.SaslAuthenticate, 2, { authBytes: scram.clientFirst() });
    const clientFinal = await scram.clientFinal(serverFirst.authBytes);
    expect(await first.request(ApiKey.SaslAuthenticate, 2, { authBytes: clientFinal })).toMatchObject({ errorCode: 0 });
    first.close();
    const second = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await second.request(ApiKey.SaslHandshake, 1, { mechanism: "SCRAM-SHA-256" });
    await second.request(ApiKey.SaslAuthenticate, 2, { authBytes: scram.clientFirst() });
    expect(await second.request(ApiKey.SaslAuthenticate, 2, { authBytes: clientFinal })).toMatchObject({ errorCode: 58 });
    await second.closed;
    expect((await auditEvents(r)).filter((e) => e.outcome === "failure").at(-1)?.detail).toContain("Invalid client nonce");
  });

  it("legacy SaslHandshake v0 with bare tokens (PLAIN and SCRAM)", async () => {
    const r = await saslBroker();
    const plain = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await plain.request(ApiKey.SaslHandshake, 0, { mechanism: "PLAIN" })).toMatchObject({ errorCode: 0 });
    expect((await plain.token(Buffer.from("\u0000alice\u0000alice-secret"))).length).toBe(0);
    expect((await plain.request(ApiKey.Metadata, 1, { topics: null })).brokers).toHaveLength(1);
    plain.close();

    const scramConnection = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await scramConnection.request(ApiKey.SaslHandshake, 0, { mechanism: "SCRAM-SHA-512" });
    const scram = new ScramClient("SCRAM-SHA-512", "alice", "alice-secret");
    const serverFirst = await scramConnection.token(scram.clientFirst());
    expect(scram.verifyServerFinal(await scramConnection.token(await scram.clientFinal(serverFirst)))).toBe(true);
    scramConnection.close();

    const wrong = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await wrong.request(ApiKey.SaslHandshake, 0, { mechanism: "PLAIN" });
    await expect(wrong.token(Buffer.from("\u0000alice\u0000nope"))).rejects.toThrow(/closed/);
  });

  it("an unknown mechanism is UNSUPPORTED_SASL_MECHANISM with the enabled ones, then the connection closes", async () => {
    const r = await saslBroker({ "sasl.enabled.mechanisms": "SCRAM-SHA-512" });
    const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await client.request(ApiKey.SaslHandshake, 1, { mechanism: "GSSAPI" })).toEqual({ errorCode: 33, mechanisms: ["SCRAM-SHA-512"] });
    await client.closed;
    const plain = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await plain.saslPlain("alice", "alice-secret")).toMatchObject({ errorCode: 33 });
  });

  it("any other request before authentication closes the connection unanswered; during it, it is ILLEGAL_SASL_STATE", async () => {
    const r = await saslBroker();
    const early = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await expect(early.request(ApiKey.Metadata, 12, { topics: null })).rejects.toThrow(/closed/);
    const midway = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await midway.request(ApiKey.SaslHandshake, 1, { mechanism: "PLAIN" });
    expect(await midway.request(ApiKey.ListGroups, 4, { statesFilter: [] })).toMatchObject({ errorCode: 34 });
    await midway.closed;
  });

  it("a SASL token over sasl.server.max.receive.size closes the connection and is audited", async () => {
    const r = await saslBroker({ "sasl.server.max.receive.size": "1024" });
    const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await client.request(ApiKey.SaslHandshake, 1, { mechanism: "PLAIN" });
    await expect(client.request(ApiKey.SaslAuthenticate, 2, { authBytes: Buffer.alloc(4096, 1) })).rejects.toThrow(/closed/);
    expect((await auditEvents(r)).at(-1)).toMatchObject({ outcome: "failure", detail: expect.stringContaining("socket.request.max.bytes is 1024") });
  });

  it("malformed SASL frames close only that connection; the broker keeps serving", async () => {
    const r = await saslBroker();
    for (const garbage of [Buffer.from([0, 0, 0, 3, 1, 2, 3]), Buffer.from([0, 0, 0, 8, 0, 17, 0, 9, 0, 0, 0, 1])]) {
      const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
      client.send(garbage);
      await client.closed;
    }
    const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await client.request(ApiKey.SaslHandshake, 1, { mechanism: "SCRAM-SHA-256" });
    expect(await client.request(ApiKey.SaslAuthenticate, 2, { authBytes: Buffer.from("\u00ff\u00fe not scram") })).toMatchObject({ errorCode: 58 });
    const good = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await good.saslScram("SCRAM-SHA-256", "alice", "alice-secret")).toMatchObject({ errorCode: 0 });
  });

  it("an address with too many failures is refused without its credentials being checked, and audited once as refused", async () => {
    const r = await saslBroker({ "authentication.failures.max": "3" });
    for (let i = 0; i < 3; i++) {
      const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
      expect(await client.saslPlain("alice", `guess-${i}`)).toMatchObject({ errorCode: 58 });
    }
    const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    const refused = await client.saslPlain("alice", "alice-secret");
    expect(refused).toMatchObject({ errorCode: 58, errorMessage: expect.stringMatching(/^Too many failed authentications from 127\.0\.0\.1: try again in \d+ s$/) });
    const failures = (await auditEvents(r)).filter((e) => e.outcome === "failure");
    expect(failures).toHaveLength(3);
    expect(failures[2]!.detail).toContain("further attempts from this address are refused");
  });

  it("PLAINTEXT listeners beside SASL ones answer SaslHandshake with ILLEGAL_SASL_STATE and act as User:ANONYMOUS", async () => {
    const r = await saslBroker();
    const client = await WireClient.connect(r.portOf("PLAINTEXT"));
    expect(await client.request(ApiKey.SaslHandshake, 1, { mechanism: "PLAIN" })).toMatchObject({ errorCode: 34 });
    const metadata = await client.request(ApiKey.Metadata, 12, { topics: null });
    expect(metadata.brokers[0].port).toBe(r.portOf("PLAINTEXT"));
  });
});

describe("re-authentication (KIP-368)", () => {
  const start = useKafkaListener();
  const reauthBroker = async (reauthMs: number) => {
    const r = await start({ brokerConfig: { ...SASL_BROKER, "connections.max.reauth.ms": String(reauthMs) }, security: true, useListenerConfigs: true });
    await r.addUser("alice", "alice-secret");
    await r.addUser("bob", "bob-secret");
    return r;
  };

  it("tells the client the session lifetime, and closes the connection at the first request after it", async () => {
    const r = await reauthBroker(300);
    const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    expect(await client.saslScram("SCRAM-SHA-256", "alice", "alice-secret")).toMatchObject({ errorCode: 0, sessionLifetimeMs: 300 });
    await client.request(ApiKey.Metadata, 12, { topics: null });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(client.request(ApiKey.Metadata, 12, { topics: null })).rejects.toThrow(/closed/);
  });

  it("re-authenticates on the same connection with SaslHandshake, and keeps serving", async () => {
    const r = await reauthBroker(60_000);
    const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await client.saslScram("SCRAM-SHA-512", "alice", "alice-secret");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await client.saslScram("SCRAM-SHA-512", "alice", "alice-secret")).toMatchObject({ errorCode: 0, sessionLifetimeMs: 60_000 });
    expect((await client.request(ApiKey.Metadata, 12, { topics: null })).brokers).toHaveLength(1);
    expect((await auditEvents(r)).filter((e) => e.outcome === "success" && e.detail?.includes("re-authentication"))).toHaveLength(1);
  });

  it("refuses a re-authentication as another principal or with another mechanism", async () => {
    const r = await reauthBroker(60_000);
    const other = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await other.saslScram("SCRAM-SHA-256", "alice", "alice-secret");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await other.saslScram("SCRAM-SHA-256", "bob", "bob-secret")).toMatchObject({ errorCode: 58, errorMessage: "Cannot change principals during re-authentication from User.alice: User.bob" });
    await other.closed;
    const switching = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await switching.saslScram("SCRAM-SHA-256", "alice", "alice-secret");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await switching.saslPlain("alice", "alice-secret")).toMatchObject({
      errorCode: 58,
      errorMessage: "SASL mechanism 'PLAIN' requested by client is not supported for re-authentication of mechanism 'SCRAM-SHA-256'",
    });
  });

  it("without connections.max.reauth.ms a SaslHandshake after authentication is ILLEGAL_SASL_STATE", async () => {
    const r = await reauthBroker(0);
    const client = await WireClient.connect(r.portOf("SASL_PLAINTEXT"));
    await client.saslPlain("alice", "alice-secret");
    expect(await client.request(ApiKey.SaslHandshake, 1, { mechanism: "PLAIN" })).toMatchObject({ errorCode: 34 });
    expect(await client.request(ApiKey.SaslAuthenticate, 2, { authBytes: Buffer.alloc(0) })).toMatchObject({ errorCode: 34 });
  });
});
