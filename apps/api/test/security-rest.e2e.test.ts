import { KafkaListener } from "@skein/broker";
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes } from "kafkajs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { eventually } from "./support/rest-consumer.js";
import { ADMIN, AUTHORIZER_CONFIG, startSecuredService, type SecuredService } from "./support/secured-service.js";

const ALICE = { user: "alice", password: "alice-password-1" };
const V2 = "application/vnd.kafka.v2+json";

describeEachProvider("REST security (HTTP Basic, API keys, Kafka's ACLs)", (provider) => {
  let db: TestDatabase;
  let service: SecuredService;
  let c: string;

  /** Adds an ACL for alice over the REST Proxy's v3 endpoint, as the admin. */
  async function allow(resourceType: string, resourceName: string, operation: string, permission = "ALLOW", principal = "User:alice"): Promise<void> {
    const created = await service.call("POST", `/v3/clusters/${c}/acls`, {
      auth: ADMIN,
      body: { resource_type: resourceType, resource_name: resourceName, pattern_type: "LITERAL", principal, host: "*", operation, permission },
    });
    expect(created.status).toBe(201);
  }

  async function produce(topic: string, auth: { user: string; password: string }, value: unknown = { n: 1 }) {
    return service.call("POST", `/v3/clusters/${c}/topics/${topic}/records`, { auth, body: { value: { type: "JSON", data: value } } });
  }

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    // Many deliberate failures come from 127.0.0.1 here: the limiter has its own suite below.
    service = await startSecuredService(db, { ...AUTHORIZER_CONFIG, "authentication.failures.max": "1000" });
    c = service.clusterId;
    expect((await service.call("POST", `/v3/clusters/${c}/users`, { auth: ADMIN, body: { user_name: ALICE.user, password: ALICE.password } })).status).toBe(201);
    for (const topic of ["orders", "payments", "refunds"]) {
      expect((await service.call("POST", `/v3/clusters/${c}/topics`, { auth: ADMIN, body: { topic_name: topic, partitions_count: 1 } })).status).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("answers 401/40101 with Basic's challenge without credentials, on every route, even one that does not exist", async () => {
    for (const path of [`/v3/clusters/${c}/topics`, "/v3/clusters", "/topics", `/v3/clusters/${c}/acls`, "/no/such/route"]) {
      const answer = await service.call("GET", path);
      expect(answer.status, path).toBe(401);
      expect(answer.body.error_code, path).toBe(40101);
      expect(typeof answer.body.message).toBe("string");
      expect(answer.headers.get("www-authenticate"), path).toMatch(/^Basic realm="Skein"/);
    }
    const produce = await service.call("POST", `/v3/clusters/${c}/topics/orders/records`, { body: { value: { type: "JSON", data: 1 } } });
    expect(produce.status).toBe(401);
    expect(produce.body.error_code).toBe(40101);
  });

  it("refuses another scheme and malformed Basic credentials with 401/40101", async () => {
    for (const authorization of ["Bearer abc", "Basic !!!", `Basic ${Buffer.from("no-colon").toString("base64")}`]) {
      const answer = await service.call("GET", "/v3/clusters", { headers: { authorization } });
      expect(answer.status, authorization).toBe(401);
      expect(answer.body.error_code, authorization).toBe(40101);
    }
  });

  it("answers the health checks without credentials, and /metrics to who may DESCRIBE the cluster", async () => {
    expect((await service.call("GET", "/healthz")).status).toBe(200);
    const ready = await service.call("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ready");

    const anonymous = await service.call("GET", "/metrics");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error_code).toBe(40101);
    const denied = await service.call("GET", "/metrics", { auth: ALICE });
    expect(denied.status).toBe(403);
    expect(denied.body.error_code).toBe(40301);
    const admin = await service.call("GET", "/metrics", { auth: ADMIN });
    expect(admin.status).toBe(200);
    expect(admin.body).toMatch(/^# HELP /m);
  });

  it("authenticates a user's password and an API key's id:secret, and forgets a deleted key at once", async () => {
    const who = await service.call("GET", "/auth/session", { auth: ALICE });
    expect(who.body).toMatchObject({ signed_in: true, principal: "User:alice", method: "basic", super_user: false });

    const created = await service.call("POST", `/v3/clusters/${c}/users/alice/api-keys`, { auth: ALICE, body: { description: "a program" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const key = { user: created.body.key_id as string, password: created.body.secret as string };
    expect(key.password.length).toBeGreaterThan(16);

    const asKey = await service.call("GET", "/auth/session", { auth: key });
    expect(asKey.body).toMatchObject({ signed_in: true, principal: "User:alice", method: "api-key" });
    expect((await service.call("GET", `/v3/clusters/${c}`, { auth: key })).status).toBe(200);
    // The secret is shown once: listings never carry it.
    const listed = await service.call("GET", `/v3/clusters/${c}/users/alice/api-keys`, { auth: ALICE });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((k: { key_id: string }) => k.key_id)).toEqual([key.user]);
    expect(JSON.stringify(listed.body)).not.toContain(key.password);

    const wrongSecret = await service.call("GET", `/v3/clusters/${c}`, { auth: { user: key.user, password: `${key.password}x` } });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error_code).toBe(40101);

    expect((await service.call("DELETE", `/v3/clusters/${c}/users/alice/api-keys/${key.user}`, { auth: ALICE })).status).toBe(204);
    const revoked = await service.call("GET", `/v3/clusters/${c}`, { auth: key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error_code).toBe(40101);
  });

  it("answers a wrong password with 401/40101 and audits the failure with its source", async () => {
    const wrong = await service.call("GET", `/v3/clusters/${c}`, { auth: { user: "alice", password: "not-her-password" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error_code).toBe(40101);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Basic /);
    const unknown = await service.call("GET", `/v3/clusters/${c}`, { auth: { user: "mallory", password: "whatever-1234" } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error_code).toBe(40101);

    const events = await eventually(
      () => service.call("GET", `/v3/clusters/${c}/audit-log?operation=AUTHENTICATE&outcome=failure&surface=rest`, { auth: ADMIN }),
      (answer) => answer.status === 200 && ["User:alice", "User:mallory"].every((p) => answer.body.data.some((e: { principal: string }) => e.principal === p)),
    );
    const alice = events.body.data.find((e: { principal: string }) => e.principal === "User:alice");
    expect(alice).toMatchObject({ surface: "rest", operation: "AUTHENTICATE", outcome: "failure", source_address: "127.0.0.1" });
    expect(JSON.stringify(events.body)).not.toContain("not-her-password");

    const notAllowed = await service.call("GET", `/v3/clusters/${c}/audit-log`, { auth: ALICE });
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body.error_code).toBe(40301);
  });

  it("lists only the topics the principal may DESCRIBE, and hides the rest", async () => {
    const before = await service.call("GET", `/v3/clusters/${c}/topics`, { auth: ALICE });
    expect(before.status).toBe(200);
    expect(before.body.data).toEqual([]);

    await allow("TOPIC", "orders", "READ");
    const after = await service.call("GET", `/v3/clusters/${c}/topics`, { auth: ALICE });
    expect(after.body.data.map((t: { topic_name: string }) => t.topic_name)).toEqual(["orders"]);
    const v2 = await service.call("GET", "/topics", { auth: ALICE, headers: { accept: V2 } });
    expect(v2.status).toBe(200);
    expect(v2.body).toEqual(["orders"]);

    const hidden = await service.call("GET", `/v3/clusters/${c}/topics/payments`, { auth: ALICE });
    expect(hidden.status).toBe(403);
    expect(hidden.body.error_code).toBe(40301);

    const admin = await service.call("GET", `/v3/clusters/${c}/topics`, { auth: ADMIN });
    expect(admin.body.data.map((t: { topic_name: string }) => t.topic_name)).toEqual(expect.arrayContaining(["orders", "payments", "refunds"]));
  });

  it("refuses a produce without WRITE (403/40301), allows it with WRITE, and a DENY beats the ALLOW", async () => {
    const denied = await produce("payments", ALICE);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error_code: 40301, message: "Not authorized to access topics: [payments]" });

    await allow("TOPIC", "payments", "WRITE");
    const allowed = await produce("payments", ALICE);
    expect(allowed.status).toBe(200);
    expect(allowed.body.error_code).toBe(200);

    await allow("TOPIC", "payments", "WRITE", "DENY");
    const overruled = await produce("payments", ALICE);
    expect(overruled.status).toBe(403);
    expect(overruled.body.error_code).toBe(40301);

    const audited = await eventually(
      () => service.call("GET", `/v3/clusters/${c}/audit-log?principal=User:alice&outcome=denied`, { auth: ADMIN }),
      (answer) => answer.status === 200 && answer.body.data.some((e: { resource: { name: string } | null }) => e.resource?.name === "payments"),
    );
    expect(audited.body.data.find((e: { resource: { name: string } | null }) => e.resource?.name === "payments")).toMatchObject({ operation: "WRITE", surface: "rest", outcome: "denied" });
  });

  it("lets a super user do everything without any ACL", async () => {
    const created = await service.call("POST", `/v3/clusters/${c}/topics`, { auth: ADMIN, body: { topic_name: "admin-only", partitions_count: 1 } });
    expect(created.status).toBe(201);
    expect((await produce("admin-only", ADMIN)).status).toBe(200);
    const configs = await service.call("GET", `/v3/clusters/${c}/topics/admin-only/configs`, { auth: ADMIN });
    expect(configs.status).toBe(200);
    expect((await service.call("DELETE", `/v3/clusters/${c}/topics/admin-only`, { auth: ADMIN })).status).toBe(204);
  });

  it("refuses a user without the cluster's CREATE or ALTER a topic creation and ACL changes", async () => {
    const topic = await service.call("POST", `/v3/clusters/${c}/topics`, { auth: ALICE, body: { topic_name: "alices", partitions_count: 1 } });
    expect(topic.status).toBe(403);
    expect(topic.body).toMatchObject({ error_code: 40301, message: "Not authorized to access topics: [alices]" });
    const deletion = await service.call("DELETE", `/v3/clusters/${c}/topics/orders`, { auth: ALICE });
    expect(deletion.status).toBe(403);
    expect(deletion.body.error_code).toBe(40301);
    const acl = await service.call("POST", `/v3/clusters/${c}/acls`, {
      auth: ALICE,
      body: { resource_type: "TOPIC", resource_name: "*", pattern_type: "LITERAL", principal: "User:alice", host: "*", operation: "ALL", permission: "ALLOW" },
    });
    expect(acl.status).toBe(403);
    expect(acl.body).toMatchObject({ error_code: 40301, message: "Cluster authorization failed." });
    const users = await service.call("POST", `/v3/clusters/${c}/users`, { auth: ALICE, body: { user_name: "eve", password: "eve-password-1" } });
    expect(users.status).toBe(403);
    expect(users.body.error_code).toBe(40301);
  });

  it("applies ACLs made and deleted over the v3 endpoints at once, and lists them in the REST Proxy's shape", async () => {
    const before = await service.call("GET", `/v3/clusters/${c}/topics/refunds/partitions`, { auth: ALICE });
    expect(before.status).toBe(403);
    expect(before.body.error_code).toBe(40301);

    const prefixed = await service.call("POST", `/v3/clusters/${c}/acls`, {
      auth: ADMIN,
      body: { resource_type: "TOPIC", resource_name: "refu", pattern_type: "PREFIXED", principal: "User:alice", host: "*", operation: "DESCRIBE", permission: "ALLOW" },
    });
    expect(prefixed.status).toBe(201);
    expect((await service.call("GET", `/v3/clusters/${c}/topics/refunds/partitions`, { auth: ALICE })).status).toBe(200);

    const listed = await service.call("GET", `/v3/clusters/${c}/acls?principal=User:alice&pattern_type=PREFIXED`, { auth: ADMIN });
    expect(listed.status).toBe(200);
    expect(listed.body.kind).toBe("KafkaAclList");
    expect(listed.body.data).toEqual([
      expect.objectContaining({ kind: "KafkaAcl", cluster_id: c, resource_type: "TOPIC", resource_name: "refu", pattern_type: "PREFIXED", principal: "User:alice", host: "*", operation: "DESCRIBE", permission: "ALLOW" }),
    ]);
    const matching = await service.call("GET", `/v3/clusters/${c}/acls?resource_type=TOPIC&resource_name=refunds&pattern_type=MATCH`, { auth: ADMIN });
    expect(matching.body.data.map((a: { resource_name: string }) => a.resource_name)).toContain("refu");

    const deleted = await service.call("DELETE", `/v3/clusters/${c}/acls?resource_type=TOPIC&resource_name=refu&pattern_type=PREFIXED&principal=User:alice&host=*&operation=DESCRIBE&permission=ALLOW`, { auth: ADMIN });
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toHaveLength(1);
    const after = await service.call("GET", `/v3/clusters/${c}/topics/refunds/partitions`, { auth: ALICE });
    expect(after.status).toBe(403);
    expect(after.body.error_code).toBe(40301);

    // The wire's DescribeAcls reads the same authorizer: the engine's view agrees.
    const wireView = service.engine.security.authorizer!.acls({ pattern: { resourceType: "TOPIC", name: "refu", patternType: "PREFIXED" }, entry: { principal: null, host: null, operation: "ANY", permissionType: "ANY" } });
    expect(wireView).toEqual([]);
  });

  it("does not tell a principal without DESCRIBE whether a topic exists (403, as Kafka's TOPIC_AUTHORIZATION_FAILED)", async () => {
    for (const path of [`/v3/clusters/${c}/topics/no-such-topic`, `/v3/clusters/${c}/topics/no-such-topic/partitions`, `/v3/clusters/${c}/topics/no-such-topic/configs`]) {
      const answer = await service.call("GET", path, { auth: ALICE });
      expect(answer.status, path).toBe(403);
      expect(answer.body.error_code, path).toBe(40301);
    }
    const produced = await produce("no-such-topic", ALICE);
    expect(produced.status).toBe(403);
    expect(produced.body.error_code).toBe(40301);
    expect((await service.call("GET", `/v3/clusters/${c}/topics/no-such-topic`, { auth: ADMIN })).status).toBe(404);
  });

  it("needs DESCRIBE_CONFIGS for a topic's configs, ALTER_CONFIGS to change them and DELETE to delete records", async () => {
    // alice may READ orders (which implies DESCRIBE), but not DESCRIBE_CONFIGS.
    const configs = await service.call("GET", `/v3/clusters/${c}/topics/orders/configs`, { auth: ALICE });
    expect(configs.status).toBe(403);
    expect(configs.body.error_code).toBe(40301);
    const alter = await service.call("POST", `/v3/clusters/${c}/topics/orders/configs:alter`, { auth: ALICE, body: { data: [{ name: "retention.ms", value: "1000" }] } });
    expect(alter.status).toBe(403);
    expect(alter.body.error_code).toBe(40301);
    await allow("TOPIC", "orders", "DESCRIBE_CONFIGS");
    expect((await service.call("GET", `/v3/clusters/${c}/topics/orders/configs`, { auth: ALICE })).status).toBe(200);
    const retention = await service.call("GET", `/v3/clusters/${c}/topics/orders/configs/retention.ms`, { auth: ADMIN });
    expect(retention.body.value).not.toBe("1000");
  });

  it("lists only the consumer groups the principal may DESCRIBE", async () => {
    const group = "admins-group";
    const consumer = await service.call("POST", `/consumers/${group}`, { auth: ADMIN, contentType: V2, body: { name: "a1", format: "json" } });
    expect(consumer.status).toBe(200);
    const subscribed = await service.call("POST", `/consumers/${group}/instances/a1/subscription`, { auth: ADMIN, contentType: V2, body: { topics: ["orders"] } });
    expect(subscribed.status).toBe(204);
    await eventually(
      () => service.call("GET", `/v3/clusters/${c}/consumer-groups`, { auth: ADMIN }),
      (answer) => answer.body.data?.some((g: { consumer_group_id: string }) => g.consumer_group_id === group),
    );
    const alices = await service.call("GET", `/v3/clusters/${c}/consumer-groups`, { auth: ALICE });
    expect(alices.status).toBe(200);
    expect(alices.body.data.map((g: { consumer_group_id: string }) => g.consumer_group_id)).not.toContain(group);
    const one = await service.call("GET", `/v3/clusters/${c}/consumer-groups/${group}`, { auth: ALICE });
    expect(one.status).toBe(403);
    expect(one.body.error_code).toBe(40301);
    expect((await service.call("DELETE", `/consumers/${group}/instances/a1`, { auth: ADMIN, contentType: V2 })).status).toBe(204);
  });

  it("ends a deleted user's Basic credentials, API keys and sessions at once", async () => {
    const bob = { user: "bob", password: "bob-password-12" };
    expect((await service.call("POST", `/v3/clusters/${c}/users`, { auth: ADMIN, body: { user_name: bob.user, password: bob.password } })).status).toBe(201);
    expect((await service.call("GET", "/v3/clusters", { auth: bob })).status).toBe(200);
    const key = await service.call("POST", `/v3/clusters/${c}/users/bob/api-keys`, { auth: bob, body: {} });
    expect(key.status).toBe(201);
    const keyAuth = { user: key.body.key_id as string, password: key.body.secret as string };
    expect((await service.call("GET", "/v3/clusters", { auth: keyAuth })).status).toBe(200);
    const login = await service.call("POST", "/auth/login", { body: { username: bob.user, password: bob.password } });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    expect((await service.call("GET", "/v3/clusters", { headers: { cookie } })).status).toBe(200);

    expect((await service.call("DELETE", `/v3/clusters/${c}/users/bob`, { auth: ADMIN })).status).toBe(204);
    for (const [how, options] of [["password", { auth: bob }], ["API key", { auth: keyAuth }], ["session", { headers: { cookie } }]] as const) {
      const answer = await service.call("GET", "/v3/clusters", options);
      expect(answer.status, how).toBe(401);
      expect(answer.body.error_code, how).toBe(40101);
    }
  });

  it("lets a user read and change only itself, with its current password", async () => {
    const other = await service.call("GET", `/v3/clusters/${c}/users/admin`, { auth: ALICE });
    expect(other.status).toBe(403);
    expect(other.body.error_code).toBe(40301);
    const all = await service.call("GET", `/v3/clusters/${c}/users`, { auth: ALICE });
    expect(all.status).toBe(403);
    expect(all.body.error_code).toBe(40301);
    const self = await service.call("GET", `/v3/clusters/${c}/users/alice`, { auth: ALICE });
    expect(self.status).toBe(200);
    expect(JSON.stringify(self.body)).not.toContain(ALICE.password);
    const othersPassword = await service.call("PUT", `/v3/clusters/${c}/users/admin/password`, { auth: ALICE, body: { password: "taken-over-123", current_password: ALICE.password } });
    expect(othersPassword.status).toBe(403);
    expect(othersPassword.body.error_code).toBe(40301);
    const othersKey = await service.call("POST", `/v3/clusters/${c}/users/admin/api-keys`, { auth: ALICE, body: {} });
    expect(othersKey.status).toBe(403);
    expect(othersKey.body.error_code).toBe(40301);
    expect((await service.call("GET", "/v3/clusters", { auth: { user: "admin", password: "taken-over-123" } })).status).toBe(401);
  });

  it("does not auto-create a topic for a producer with WRITE but no CREATE (404/40403), nor over v2 without WRITE (403)", async () => {
    await allow("TOPIC", "not-yet", "WRITE");
    const produced = await produce("not-yet", ALICE);
    expect(produced.status).toBe(404);
    expect(produced.body.error_code).toBe(40403);
    expect((await service.call("GET", `/v3/clusters/${c}/topics/not-yet`, { auth: ADMIN })).status).toBe(404);
    const v2 = await service.call("POST", "/topics/refunds", { auth: ALICE, contentType: "application/vnd.kafka.json.v2+json", body: { records: [{ value: { n: 1 } }] } });
    expect(v2.status).toBe(403);
    expect(v2.body.error_code).toBe(40301);
  });

  it("forgets a changed password at once, and asks a user changing its own for the current one", async () => {
    const carol = { user: "carol", password: "carol-password-1" };
    expect((await service.call("POST", `/v3/clusters/${c}/users`, { auth: ADMIN, body: { user_name: carol.user, password: carol.password } })).status).toBe(201);
    expect((await service.call("GET", "/v3/clusters", { auth: carol })).status).toBe(200);
    const wrongCurrent = await service.call("PUT", `/v3/clusters/${c}/users/carol/password`, { auth: carol, body: { password: "carol-password-2", current_password: "not-it-at-all" } });
    expect(wrongCurrent.status).toBe(401);
    expect(wrongCurrent.body.error_code).toBe(40101);
    expect((await service.call("PUT", `/v3/clusters/${c}/users/carol/password`, { auth: carol, body: { password: "carol-password-2", current_password: carol.password } })).status).toBe(204);
    const old = await service.call("GET", "/v3/clusters", { auth: carol });
    expect(old.status).toBe(401);
    expect(old.body.error_code).toBe(40101);
    expect((await service.call("GET", "/v3/clusters", { auth: { user: "carol", password: "carol-password-2" } })).status).toBe(200);
  });

  it("needs READ on the group and on the topic for a v2 consumer", async () => {
    const group = "alice-readers";
    const create = () => service.call("POST", `/consumers/${group}`, { auth: ALICE, contentType: V2, body: { name: "i1", format: "json", "auto.offset.reset": "earliest" } });
    const noGroup = await create();
    expect(noGroup.status).toBe(403);
    expect(noGroup.body).toMatchObject({ error_code: 40301, message: `Not authorized to access group: ${group}` });

    await allow("GROUP", group, "READ");
    const created = await create();
    expect(created.status).toBe(200);
    const instance = `/consumers/${group}/instances/i1`;

    const refused = await service.call("POST", `${instance}/subscription`, { auth: ALICE, contentType: V2, body: { topics: ["refunds"] } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error_code: 40301, message: "Not authorized to access topics: [refunds]" });

    expect((await produce("orders", ADMIN, { order: 7 })).status).toBe(200);
    const subscribed = await service.call("POST", `${instance}/subscription`, { auth: ALICE, contentType: V2, body: { topics: ["orders"] } });
    expect(subscribed.status).toBe(204);
    const records = await eventually(
      () => service.call("GET", `${instance}/records?timeout=500`, { auth: ALICE, headers: { accept: "application/vnd.kafka.json.v2+json" } }),
      (answer) => answer.status !== 200 || answer.body.length > 0,
    );
    expect(records.status).toBe(200);
    expect(records.body[0]).toMatchObject({ topic: "orders", value: { order: 7 } });
    expect((await service.call("DELETE", instance, { auth: ALICE, contentType: V2 })).status).toBe(204);
  });
});

describeEachProvider("REST failed authentications rate-limited per source", (provider) => {
  let db: TestDatabase;
  let service: SecuredService;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    service = await startSecuredService(db, { ...AUTHORIZER_CONFIG, "authentication.failures.max": "3", "authentication.failures.window.ms": "60000" });
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("refuses a source with 429/42901 after repeated failures, even with the right password then", async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await service.call("GET", "/v3/clusters", { auth: { user: ADMIN.user, password: `wrong-password-${i}` } });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error_code).toBe(40101);
    }
    const refused = await service.call("GET", "/v3/clusters", { auth: { user: ADMIN.user, password: "wrong-password-again" } });
    expect(refused.status).toBe(429);
    expect(refused.body.error_code).toBe(42901);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // The peer's address counts, never a header a client could set.
    const right = await service.call("GET", "/v3/clusters", { auth: ADMIN, headers: { "x-forwarded-for": "10.1.2.3" } });
    expect(right.status).toBe(429);
    expect(right.body.error_code).toBe(42901);
    const signIn = await service.call("POST", "/auth/login", { body: { username: ADMIN.user, password: ADMIN.password } });
    expect(signIn.status).toBe(429);
    expect(signIn.body.error_code).toBe(42901);
  });
});

describeEachProvider("HTTP Basic without an authorizer (authorizer.class.name unset)", (provider) => {
  let db: TestDatabase;
  let service: SecuredService;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    service = await startSecuredService(db, {});
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("asks for credentials but lets every signed-in user do everything, and answers the ACL endpoints 400/40002", async () => {
    const c = service.clusterId;
    expect((await service.call("GET", `/v3/clusters/${c}/topics`)).status).toBe(401);
    expect((await service.call("POST", `/v3/clusters/${c}/users`, { auth: ADMIN, body: { user_name: "dave", password: "dave-password-1" } })).status).toBe(201);
    const dave = { user: "dave", password: "dave-password-1" };
    expect((await service.call("POST", `/v3/clusters/${c}/topics`, { auth: dave, body: { topic_name: "daves", partitions_count: 1 } })).status).toBe(201);
    const listing = await service.call("GET", `/v3/clusters/${c}/topics`, { auth: dave });
    expect(listing.body.data.map((t: { topic_name: string }) => t.topic_name)).toContain("daves");
    const acls = await service.call("GET", `/v3/clusters/${c}/acls`, { auth: ADMIN });
    expect(acls.status).toBe(400);
    expect(acls.body.error_code).toBe(40002);
    expect((await service.call("GET", "/auth/session", { auth: dave })).body).toMatchObject({ signed_in: true, authorization: false });
  });
});

describeEachProvider("ACLs made over REST, seen by the Kafka wire's DescribeAcls", (provider) => {
  let db: TestDatabase;
  let service: SecuredService;
  let listener: KafkaListener;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    service = await startSecuredService(db);
    listener = await KafkaListener.start(service.engine.broker, service.engine.groups, {
      listeners: [{ name: "SASL_PLAINTEXT", securityProtocol: "SASL_PLAINTEXT", host: "127.0.0.1", port: 0, advertisedHost: "127.0.0.1", advertisedPort: null, tls: null, saslMechanisms: ["PLAIN"], reauthMs: 0 }],
      security: service.engine.security,
      transactions: service.engine.transactions,
    });
  }, 60_000);

  afterAll(async () => {
    await listener?.stop();
    await service?.stop();
    await db?.drop();
  });

  it("lists over the wire the ACL the v3 endpoint created, and no longer once the endpoint deleted it", async () => {
    const c = service.clusterId;
    const fields = { resource_type: "TOPIC", resource_name: "wire-orders", pattern_type: "LITERAL", principal: "User:carol", host: "*", operation: "READ", permission: "ALLOW" };
    expect((await service.call("POST", `/v3/clusters/${c}/acls`, { auth: ADMIN, body: fields })).status).toBe(201);
    const kafka = new Kafka({ clientId: "acl-check", brokers: [`127.0.0.1:${listener.port}`], sasl: { mechanism: "plain", username: ADMIN.user, password: ADMIN.password }, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const describe = () =>
        admin.describeAcls({ resourceType: AclResourceTypes.TOPIC, resourceName: "wire-orders", resourcePatternType: ResourcePatternTypes.LITERAL, principal: "User:carol", host: "*", operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY });
      const listed = await describe();
      expect(listed.resources).toEqual([
        { resourceType: AclResourceTypes.TOPIC, resourceName: "wire-orders", resourcePatternType: ResourcePatternTypes.LITERAL, acls: [{ principal: "User:carol", host: "*", operation: AclOperationTypes.READ, permissionType: AclPermissionTypes.ALLOW }] },
      ]);
      expect((await service.call("DELETE", `/v3/clusters/${c}/acls?${new URLSearchParams(fields).toString()}`, { auth: ADMIN })).status).toBe(200);
      expect((await describe()).resources).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  });
});
