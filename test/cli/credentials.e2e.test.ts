import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skein, startService, type Running } from "./skein-processes.js";

/**
 * `skein` against a service that asks for credentials (SKEIN_AUTHENTICATION_METHOD=BASIC, the first admin from the
 * environment): refused without them, and sending them from SKEIN_USER/SKEIN_PASSWORD or from the Kafka client
 * properties file Kafka's tools take (`--command-config`, `--producer.config`).
 */
describe("skein with credentials", () => {
  let dir: string;
  let service: Running;
  let server: string;
  const admin = { SKEIN_ADMIN_USER: "admin", SKEIN_ADMIN_PASSWORD: "cli-admin-secret" };
  const properties = (name: string, lines: string[]) => {
    const file = join(dir, name);
    writeFileSync(file, `${lines.join("\n")}\n`);
    return file;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "skein-cli-credentials-"));
    ({ service, baseUrl: server } = await startService(join(dir, "data"), { env: { SKEIN_AUTHENTICATION_METHOD: "BASIC", SKEIN_KAFKA_PORT: "0", ...admin } }));
  });

  afterAll(async () => {
    await service?.stop("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  });

  it("without credentials the service refuses: 401's message, exit 1", async () => {
    const refused = await skein(server, ["topics", "--list"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: .*(credentials|Authentication)/m);
  });

  it("SKEIN_USER and SKEIN_PASSWORD: creates and lists a topic; a wrong password is refused", async () => {
    const env = { SKEIN_USER: admin.SKEIN_ADMIN_USER, SKEIN_PASSWORD: admin.SKEIN_ADMIN_PASSWORD };
    const created = await skein(server, ["topics", "--create", "--topic", "orders", "--partitions", "1"], "", env);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain("Created topic orders.");
    const listed = await skein(server, ["topics", "--list"], "", env);
    expect(listed.stdout.trim().split("\n")).toEqual(["orders"]);
    const wrong = await skein(server, ["topics", "--list"], "", { SKEIN_USER: "admin", SKEIN_PASSWORD: "wrong" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("Error: Authentication failed");
    const half = await skein(server, ["topics", "--list"], "", { SKEIN_USER: "admin" });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("SKEIN_USER and SKEIN_PASSWORD go together");
  });

  it("--command-config and --producer.config read Kafka's client properties (sasl.jaas.config) or basic.auth.user.info", async () => {
    const jaas = properties("admin.properties", [
      "security.protocol=SASL_PLAINTEXT",
      "sasl.mechanism=SCRAM-SHA-256",
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin.SKEIN_ADMIN_PASSWORD}";`,
    ]);
    const described = await skein(server, ["topics", "--describe", "--topic", "orders", "--command-config", jaas]);
    expect(described.code, described.stderr).toBe(0);
    expect(described.stdout).toContain("Topic: orders");
    const produced = await skein(server, ["console-producer", "--topic", "orders", "--producer.config", jaas], "from-the-cli\n");
    expect(produced.code, produced.stderr).toBe(0);
    const userInfo = properties("rest.properties", [`basic.auth.user.info=admin:${admin.SKEIN_ADMIN_PASSWORD}`]);
    const consumed = await skein(server, ["console-consumer", "--topic", "orders", "--from-beginning", "--max-messages", "1", "--command-config", userInfo]);
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout).toContain("from-the-cli");
    const empty = properties("empty.properties", ["security.protocol=SASL_PLAINTEXT"]);
    const none = await skein(server, ["topics", "--list", "--command-config", empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("has no credentials");
  });
});
