import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createTestDatabase, describeEachProvider, type TestDatabase } from "./support/databases.js";
import { LiveClient, type Frame } from "./support/live-client.js";
import { ADMIN, basic, startSecuredService, type SecuredService } from "./support/secured-service.js";

const ALICE = { user: "alice", password: "alice-password-1" };

/** Opens `/ws` with these headers: the open socket, or the HTTP answer that refused the upgrade. */
async function upgrade(base: string, headers: Record<string, string>): Promise<{ socket: WebSocket } | { status: number; body: any }> {
  const socket = new WebSocket(`${base.replace(/^http/, "ws")}/ws`, { headers });
  return new Promise((resolve, reject) => {
    socket.once("open", () => resolve({ socket }));
    socket.once("unexpected-response", (_request, response: IncomingMessage) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    socket.once("error", reject);
  });
}

/** The session cookie's `name=value` from a Set-Cookie header. */
function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

describeEachProvider("WebSocket and console-session security", (provider) => {
  let db: TestDatabase;
  let service: SecuredService;
  let c: string;

  async function acl(method: "POST" | "DELETE", resourceName: string, operation: string): Promise<void> {
    const fields = { resource_type: "TOPIC", resource_name: resourceName, pattern_type: "LITERAL", principal: "User:alice", host: "*", operation, permission: "ALLOW" };
    const answer =
      method === "POST"
        ? await service.call("POST", `/v3/clusters/${c}/acls`, { auth: ADMIN, body: fields })
        : await service.call("DELETE", `/v3/clusters/${c}/acls?${new URLSearchParams(fields).toString()}`, { auth: ADMIN });
    expect(answer.status).toBe(method === "POST" ? 201 : 200);
  }

  async function produce(topic: string, value: string): Promise<void> {
    const answer = await service.call("POST", `/v3/clusters/${c}/topics/${topic}/records`, { auth: ADMIN, body: { value: { type: "STRING", data: value } } });
    expect(answer.status).toBe(200);
  }

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    service = await startSecuredService(db);
    c = service.clusterId;
    expect((await service.call("POST", `/v3/clusters/${c}/users`, { auth: ADMIN, body: { user_name: ALICE.user, password: ALICE.password } })).status).toBe(201);
    for (const topic of ["news", "secrets"]) {
      expect((await service.call("POST", `/v3/clusters/${c}/topics`, { auth: ADMIN, body: { topic_name: topic, partitions_count: 1 } })).status).toBe(201);
    }
    await acl("POST", "news", "READ");
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("refuses a WebSocket upgrade without credentials or with wrong ones (401/40101)", async () => {
    const anonymous = await upgrade(service.base, {});
    expect(anonymous).toMatchObject({ status: 401, body: { error_code: 40101 } });
    const wrong = await upgrade(service.base, { authorization: basic("alice", "not-her-password") });
    expect(wrong).toMatchObject({ status: 401, body: { error_code: 40101 } });
  });

  it("answers a tail of a topic the user may not READ with an error frame and no records, and tails the one it may", async () => {
    await produce("secrets", "classified");
    await produce("news", "headline 1");
    const client = await LiveClient.connect(service.base, { authorization: basic(ALICE.user, ALICE.password) });
    try {
      const refused = await client.request({ type: "subscribe", id: "s-secret", topic: "secrets", from: "earliest" });
      expect(refused).toMatchObject({ type: "error", id: "s-secret", error_code: 40301, message: "Not authorized to access topics: [secrets]" });

      const refusedProduce = await client.request({ type: "produce", id: "p1", topic: "news", value: "forged" });
      expect(refusedProduce).toMatchObject({ type: "error", id: "p1", error_code: 40301 });

      const subscribed = await client.request({ type: "subscribe", id: "s-news", topic: "news", from: "earliest", encoding: "string" });
      expect(subscribed.type).toBe("subscribed");
      const records = await client.waitForRecords("s-news", 1);
      expect(records.map((r) => r.value)).toEqual(["headline 1"]);

      // Kafka checks every Fetch: the READ removed, the tail ends with a 403 frame and sends nothing more.
      await acl("DELETE", "news", "READ");
      const from = client.frames.length;
      await produce("news", "headline 2");
      const ended = await client.next((f: Frame) => f.type === "error" && f.id === "s-news", 10_000, from);
      expect(ended).toMatchObject({ error_code: 40301 });
      expect(client.records("s-news").map((r) => r.value)).toEqual(["headline 1"]);
      expect(client.records("s-secret")).toEqual([]);
    } finally {
      client.close();
      await acl("POST", "news", "READ");
    }
    const published = await service.call("GET", `/v3/clusters/${c}/topics/news/partitions/0`, { auth: ADMIN });
    expect(published.status).toBe(200);
  });

  it("signs in to the console with an HttpOnly, SameSite cookie, refuses changes without the CSRF token, and signs out", async () => {
    const wrong = await service.call("POST", "/auth/login", { body: { username: "alice", password: "not-her-password" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error_code).toBe(40101);
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const login = await service.call("POST", "/auth/login", { body: { username: ADMIN.user, password: ADMIN.password } });
    expect(login.status).toBe(200);
    expect(login.headers.get("cache-control")).toBe("no-store");
    const setCookie = login.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^skein_session=[^;]+;/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(setCookie).toMatch(/;\s*Path=\//);
    expect(setCookie).not.toMatch(/;\s*Secure/i); // plain HTTP here
    expect(login.body).toMatchObject({ signed_in: true, principal: "User:admin", method: "session", super_user: true });
    const csrf = login.body.csrf_token as string;
    expect(csrf.length).toBeGreaterThan(16);
    const cookie = cookiePair(setCookie);

    const session = await service.call("GET", "/auth/session", { headers: { cookie } });
    expect(session.body).toMatchObject({ signed_in: true, user: "admin", csrf_token: csrf });
    expect((await service.call("GET", `/v3/clusters/${c}/topics`, { headers: { cookie } })).status).toBe(200);

    const topic = { topic_name: "console-made", partitions_count: 1 };
    const noToken = await service.call("POST", `/v3/clusters/${c}/topics`, { headers: { cookie }, body: topic });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error_code).toBe(40302);
    const wrongToken = await service.call("POST", `/v3/clusters/${c}/topics`, { headers: { cookie, "x-csrf-token": `${csrf.slice(0, -2)}xx` }, body: topic });
    expect(wrongToken.status).toBe(403);
    expect(wrongToken.body.error_code).toBe(40302);
    expect((await service.call("GET", `/v3/clusters/${c}/topics/console-made`, { auth: ADMIN })).status).toBe(404);

    const made = await service.call("POST", `/v3/clusters/${c}/topics`, { headers: { cookie, "x-csrf-token": csrf }, body: topic });
    expect(made.status).toBe(201);
    const deleteNoToken = await service.call("DELETE", `/v3/clusters/${c}/topics/console-made`, { headers: { cookie } });
    expect(deleteNoToken.status).toBe(403);
    expect(deleteNoToken.body.error_code).toBe(40302);
    expect((await service.call("DELETE", `/v3/clusters/${c}/topics/console-made`, { headers: { cookie, "x-csrf-token": csrf } })).status).toBe(204);

    // A WebSocket with the session cookie must come from the console's own origin.
    const foreign = await upgrade(service.base, { cookie, origin: "https://evil.example" });
    expect(foreign).toMatchObject({ status: 403, body: { error_code: 40302 } });
    const own = await upgrade(service.base, { cookie, origin: service.base });
    expect("socket" in own).toBe(true);
    if ("socket" in own) own.socket.close();

    const logoutNoToken = await service.call("POST", "/auth/logout", { headers: { cookie } });
    expect(logoutNoToken.status).toBe(403);
    expect(logoutNoToken.body.error_code).toBe(40302);
    const logout = await service.call("POST", "/auth/logout", { headers: { cookie, "x-csrf-token": csrf } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get("set-cookie")).toMatch(/^skein_session=;.*Max-Age=0/);

    const after = await service.call("GET", `/v3/clusters/${c}/topics`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.body.error_code).toBe(40101);
    expect((await service.call("GET", "/auth/session", { headers: { cookie } })).body.signed_in).toBe(false);
    const ws = await upgrade(service.base, { cookie, origin: service.base });
    expect(ws).toMatchObject({ status: 401, body: { error_code: 40101 } });
  });

  it("authorizes a console session's changes with the user's ACLs (403/40301)", async () => {
    const login = await service.call("POST", "/auth/login", { body: { username: ALICE.user, password: ALICE.password } });
    expect(login.status).toBe(200);
    const cookie = cookiePair(login.headers.get("set-cookie")!);
    const headers = { cookie, "x-csrf-token": login.body.csrf_token as string };
    expect(login.body).toMatchObject({ super_user: false, cluster_operations: [], audit_log_readable: false });
    const deletion = await service.call("DELETE", `/v3/clusters/${c}/topics/secrets`, { headers });
    expect(deletion.status).toBe(403);
    expect(deletion.body.error_code).toBe(40301);
    const listing = await service.call("GET", `/v3/clusters/${c}/topics`, { headers });
    expect(listing.body.data.map((t: { topic_name: string }) => t.topic_name)).toEqual(["news"]);
  });
});

describeEachProvider("console sessions expire after SKEIN_SESSION_TIMEOUT_MS", (provider) => {
  let db: TestDatabase;
  let service: SecuredService;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    service = await startSecuredService(db, undefined, 2_000);
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("refuses the cookie once the session timed out", async () => {
    const login = await service.call("POST", "/auth/login", { body: { username: ADMIN.user, password: ADMIN.password } });
    expect(login.status).toBe(200);
    expect(login.headers.get("set-cookie")).toMatch(/Max-Age=[12](;|$)/);
    const cookie = cookiePair(login.headers.get("set-cookie")!);
    expect((await service.call("GET", "/v3/clusters", { headers: { cookie } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const expired = await service.call("GET", "/v3/clusters", { headers: { cookie } });
    expect(expired.status).toBe(401);
    expect(expired.body.error_code).toBe(40101);
  });
});
