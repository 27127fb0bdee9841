import { Authenticator, Authorizer, QuotaManager, scramCredentialFromPassword, userPrincipal, type AclBinding } from "@skein/broker";
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "../../test/support/databases.js";
import { openMetadataStore } from "../metadata/open-metadata-store.js";
import type { PrismaMetadataStore } from "../metadata/prisma-metadata-store.js";
import { ApiKeys } from "./api-keys.js";
import { HttpSessions } from "./http-sessions.js";
import { PrismaAclStore } from "./prisma-acl-store.js";
import { PrismaCredentialStore } from "./prisma-credential-store.js";
import { PrismaQuotaStore } from "./prisma-quota-store.js";
import { SecurityChangeFeed } from "./security-change-feed.js";
import { UserAccounts } from "./user-accounts.js";

const readOrders: AclBinding = {
  pattern: { resourceType: "TOPIC", name: "orders", patternType: "LITERAL" },
  entry: { principal: "User:alice", host: "*", operation: "READ", permissionType: "ALLOW" },
};
const alice = { principal: userPrincipal("alice"), clientAddress: "10.0.0.1" };

describeEachProvider("security stores", (provider) => {
  let db: TestDatabase;
  const closers: (() => Promise<void> | void)[] = [];

  beforeEach(async () => {
    db = await createTestDatabase(provider);
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await db?.drop();
  });

  /** One node's connection to the test database. */
  async function node(): Promise<{ store: PrismaMetadataStore; feed: SecurityChangeFeed }> {
    const { store } = await openMetadataStore(db.target);
    const feed = new SecurityChangeFeed(store.client, 50);
    await feed.start();
    closers.push(() => store.close(), () => feed.close());
    return { store, feed };
  }

  it("keeps ACLs, and a node sees another node's ACL changes", async () => {
    const a = await node();
    const b = await node();
    const onA = await Authorizer.open(new PrismaAclStore(a.store.client, a.feed));
    const onB = await Authorizer.open(new PrismaAclStore(b.store.client, b.feed));
    closers.push(() => onA.close(), () => onB.close());
    expect(onB.authorize(alice, "READ", "TOPIC", "orders")).toBe(false);

    expect(await onA.createAcls([readOrders, readOrders])).toEqual([null, null]);
    expect(onA.acls()).toEqual([readOrders]);
    await expect.poll(() => onB.authorize(alice, "READ", "TOPIC", "orders"), { timeout: 10_000 }).toBe(true);

    const [deleted] = await onB.deleteAcls([{ pattern: { resourceType: "TOPIC", name: "orders", patternType: "MATCH" }, entry: { principal: null, host: null, operation: "ANY", permissionType: "ANY" } }]);
    expect(deleted!.deleted).toEqual([readOrders]);
    await expect.poll(() => onA.authorize(alice, "READ", "TOPIC", "orders"), { timeout: 10_000 }).toBe(false);
    expect(await new PrismaAclStore(a.store.client, a.feed).load()).toEqual([]);
  });

  it("keeps client quotas by entity, defaults included", async () => {
    const { store, feed } = await node();
    const quotas = await QuotaManager.open(new PrismaQuotaStore(store.client, feed));
    closers.push(() => quotas.close());
    const results = await quotas.alterClientQuotas([
      { entity: { user: "alice" }, changes: [{ key: "producer_byte_rate", value: 1024 }] },
      { entity: { user: null, "client-id": "app" }, changes: [{ key: "consumer_byte_rate", value: 2048 }, { key: "request_percentage", value: 12.5 }] },
    ]);
    expect(results).toEqual([null, null]);
    const reopened = await new PrismaQuotaStore(store.client, feed).load();
    expect(reopened).toEqual(
      expect.arrayContaining([
        { entity: { user: "alice" }, quotas: { producer_byte_rate: 1024 } },
        { entity: { user: null, "client-id": "app" }, quotas: { consumer_byte_rate: 2048, request_percentage: 12.5 } },
      ]),
    );
    await quotas.alterClientQuotas([{ entity: { user: "alice" }, changes: [{ key: "producer_byte_rate", value: null }] }]);
    expect(await new PrismaQuotaStore(store.client, feed).load()).toEqual([{ entity: { user: null, "client-id": "app" }, quotas: { consumer_byte_rate: 2048, request_percentage: 12.5 } }]);
  });

  it("makes users whose one password works for HTTP, PLAIN and SCRAM, and never stores it", async () => {
    const { store } = await node();
    const changed: string[][] = [];
    const users = new UserAccounts(store.client, (names) => changed.push(names));
    const credentials = new PrismaCredentialStore(store.client);
    const authenticator = new Authenticator(credentials, { passwordVerifier: (user, password) => users.verifyPassword(user, password) });

    await users.create("alice", "correct horse battery");
    await expect(users.create("alice", "another password")).rejects.toMatchObject({ status: 409 });
    await expect(users.create("al:ice", "correct horse battery")).rejects.toMatchObject({ errorCode: 40002 });
    await expect(users.create("bob", "short")).rejects.toMatchObject({ errorCode: 40002 });
    expect(await users.verifyPassword("alice", "correct horse battery")).toBe(true);
    expect(await users.verifyPassword("alice", "wrong")).toBe(false);
    expect(await users.verifyPassword("nobody", "wrong")).toBe(null);
    expect(await authenticator.verifyPlain("alice", "correct horse battery")).toBe(true);
    expect(await authenticator.verifyPlain("alice", "Correct horse battery")).toBe(false);
    expect((await credentials.listScramCredentials()).map((c) => c.mechanism).sort()).toEqual(["SCRAM-SHA-256", "SCRAM-SHA-512"]);

    const rows = JSON.stringify([await store.client.user.findMany(), await store.client.scramCredential.findMany()]);
    expect(rows).not.toContain("correct horse battery");
    expect(rows).toContain("$scrypt$ln=15,r=8,p=1$");
    expect(changed).toEqual([["alice"]]);

    await users.setPassword("alice", "a new password");
    expect(await authenticator.verifyPlain("alice", "a new password")).toBe(true);
    expect(await users.verifyPassword("alice", "correct horse battery")).toBe(false);
  });

  it("gives a user one password: setting it over the wire clears the HTTP hash", async () => {
    const { store } = await node();
    const users = new UserAccounts(store.client);
    const credentials = new PrismaCredentialStore(store.client);
    const authenticator = new Authenticator(credentials, { passwordVerifier: (user, password) => users.verifyPassword(user, password) });
    await users.create("carol", "http password");
    await credentials.alterScramCredentials([{ kind: "upsert", user: "carol", mechanism: "SCRAM-SHA-512", credential: await scramCredentialFromPassword("SCRAM-SHA-512", "wire password") }]);
    expect(await users.verifyPassword("carol", "http password")).toBe(null);
    expect(await authenticator.verifyPlain("carol", "wire password")).toBe(true);
    expect((await users.get("carol"))!.hasPassword).toBe(false);

    // A user made only over the wire is listed, and deleting it removes its credentials.
    await credentials.alterScramCredentials([{ kind: "upsert", user: "dave", mechanism: "SCRAM-SHA-256", credential: await scramCredentialFromPassword("SCRAM-SHA-256", "dave's") }]);
    expect((await users.list()).map((u) => [u.name, u.scram.map((s) => s.mechanism)])).toEqual([
      ["carol", ["SCRAM-SHA-256", "SCRAM-SHA-512"]],
      ["dave", ["SCRAM-SHA-256"]],
    ]);
    expect(await users.delete("dave")).toBe(true);
    expect(await credentials.scramCredential("dave", "SCRAM-SHA-256")).toBe(null);
    expect(await users.delete("dave")).toBe(false);
  });

  it("keeps API keys as hashes and checks their secrets", async () => {
    const { store } = await node();
    const keys = new ApiKeys(store.client);
    const key = await keys.create("alice", "ci");
    expect(key.id).toMatch(/^[A-Z2-9]{16}$/);
    expect(await keys.verify(key.id, key.secret)).toBe("alice");
    expect(await keys.verify(key.id, `${key.secret}x`)).toBe(null);
    expect(await keys.verify("AAAAAAAAAAAAAAAA", key.secret)).toBe(null);
    expect(JSON.stringify(await store.client.apiKey.findMany())).not.toContain(key.secret);
    expect((await keys.list("alice")).map((k) => [k.id, k.description])).toEqual([[key.id, "ci"]]);
    expect((await keys.get(key.id))!.lastUsedAt).not.toBe(null);
    expect(await keys.delete(key.id)).toBe(true);
    expect(await keys.verify(key.id, key.secret)).toBe(null);
  });

  it("keeps console sessions as hashes, until they expire or end", async () => {
    const { store } = await node();
    const sessions = new HttpSessions(store.client, 60_000);
    const { token, session } = await sessions.create("alice", "127.0.0.1");
    expect(session.user).toBe("alice");
    expect(await sessions.find(token)).toMatchObject({ user: "alice" });
    expect(await sessions.find(`${token.slice(0, -1)}A`)).toBe(null);
    expect(await sessions.find("not a token")).toBe(null);
    expect(JSON.stringify(await store.client.httpSession.findMany())).not.toContain(token);
    expect(HttpSessions.checkCsrfToken(token, HttpSessions.csrfToken(token))).toBe(true);
    expect(HttpSessions.checkCsrfToken(token, HttpSessions.csrfToken(`${token}x`))).toBe(false);
    expect(HttpSessions.checkCsrfToken(token, undefined)).toBe(false);
    await sessions.delete(token);
    expect(await sessions.find(token)).toBe(null);

    const shortLived = new HttpSessions(store.client, 1);
    const expiring = await shortLived.create("alice", "127.0.0.1");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await shortLived.find(expiring.token)).toBe(null);
  });
});
