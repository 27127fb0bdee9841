// Security with real clients, against Apache Kafka (KRaft, SASL/SCRAM, StandardAuthorizer) and Skein configured
// alike: Kafka's own tools (kafka-configs, kafka-acls, console producer and consumer, kafka-topics) over SASL_PLAINTEXT
// and SASL_SSL with SCRAM, kcat with PLAIN (its SCRAM refused, as by Kafka), confluent-kafka over SASL_SSL, franz-go with SCRAM. Alice gets
// the ACLs of the course's example; bob may write only to his own topic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFranzGo, ensureKcat, ensurePythonClient } from "../../scripts/kafka-clients-setup.mjs";
import { fileURLToPath } from "node:url";
import { kafkaTool } from "./support/kafka-tool.mjs";
import { runProgram, waitUntil } from "./support/processes.js";
import { startSecuredBroker, USERS } from "./support/secured-broker.mjs";
import { kafkaTargets, type KafkaTarget } from "./support/targets.js";

const PYTHON_SCRIPT = fileURLToPath(new URL("python/confluent_check.py", import.meta.url));

/** The records a console consumer printed: its stdout without Kafka 4.4's deprecation notice for --consumer.config. */
function records(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line !== "" && !line.includes("is deprecated and will be removed"));
}

for (const target of kafkaTargets()) describeSecurity(target);

function describeSecurity(target: KafkaTarget): void {
  describe(`SASL, TLS and ACLs with real clients against ${target.name}`, () => {
    let broker: Awaited<ReturnType<typeof startSecuredBroker>>;
    const adminTool = (tool: Parameters<typeof kafkaTool>[0], args: string[], input?: string) =>
      kafkaTool(tool, ["--bootstrap-server", broker.saslPlaintext, "--command-config", broker.clientConfig("admin", "SCRAM-SHA-512", false), ...args], { input });
    const kcat = (user: "alice" | "bob", mechanism: string, args: string[], input = "") =>
      runProgram(ensureKcat(), ["-b", broker.saslPlaintext, "-X", "security.protocol=SASL_PLAINTEXT", "-X", `sasl.mechanisms=${mechanism}`, "-X", `sasl.username=${user}`, "-X", `sasl.password=${USERS[user]}`, ...args], { input });

    beforeAll(async () => {
      broker = await startSecuredBroker(target.id);
      for (const topic of ["orders", "bob-notes"]) {
        const created = await adminTool("kafka-topics", ["--create", "--topic", topic, "--partitions", "1"]);
        expect(created.code, created.stdout + created.stderr).toBe(0);
      }
    });
    afterAll(async () => {
      await broker?.stop();
    });

    it("kafka-configs manages SCRAM credentials: --describe lists each user's mechanisms", async () => {
      const described = await adminTool("kafka-configs", ["--describe", "--entity-type", "users", "--entity-name", "alice"]);
      expect(described.code, described.stderr).toBe(0);
      // Kafka lists a user's mechanisms in its hash map's order, which varies from run to run.
      expect(described.stdout).toMatch(
        /SCRAM credential configs for user-principal 'alice' are (SCRAM-SHA-256=iterations=4096, SCRAM-SHA-512=iterations=4096|SCRAM-SHA-512=iterations=4096, SCRAM-SHA-256=iterations=4096)\n/,
      );
    });

    it("kafka-acls --add --allow-principal User:alice --operation Read --topic orders --group order, then --list", async () => {
      const added = await adminTool("kafka-acls", ["--add", "--allow-principal", "User:alice", "--operation", "Read", "--topic", "orders", "--group", "order"]);
      expect(added.code, added.stdout + added.stderr).toBe(0);
      expect(added.stdout).toContain("Adding ACLs for resource `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`:");
      expect(added.stdout).toContain("(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)");
      const bob = await adminTool("kafka-acls", ["--add", "--allow-principal", "User:bob", "--operation", "Write", "--topic", "bob-notes"]);
      expect(bob.code, bob.stderr).toBe(0);
      const listed = await adminTool("kafka-acls", ["--list", "--topic", "orders"]);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toContain("Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=orders, patternType=LITERAL)`:");
      expect(listed.stdout).toContain("(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)");
      const denied = await kafkaTool("kafka-acls", ["--bootstrap-server", broker.saslPlaintext, "--command-config", broker.clientConfig("alice", "SCRAM-SHA-256", false), "--list"]);
      expect(denied.stdout + denied.stderr).toContain("ClusterAuthorizationException");
    });

    it("a principal without WRITE cannot produce: TOPIC_AUTHORIZATION_FAILED (console producer, SCRAM)", async () => {
      const produced = await kafkaTool("kafka-console-producer", ["--bootstrap-server", broker.saslPlaintext, "--producer.config", broker.clientConfig("bob", "SCRAM-SHA-256", false), "--topic", "orders"], {
        input: "not allowed\n",
      });
      expect(produced.stderr).toContain("org.apache.kafka.common.errors.TopicAuthorizationException: Not authorized to access topics: [orders]");
    });

    it("with WRITE, alice produces over SASL_SSL (SCRAM-SHA-512) and consumes in group order", async () => {
      const granted = await adminTool("kafka-acls", ["--add", "--allow-principal", "User:alice", "--operation", "Write", "--topic", "orders"]);
      expect(granted.code, granted.stderr).toBe(0);
      const produced = await kafkaTool("kafka-console-producer", ["--bootstrap-server", broker.saslSsl, "--producer.config", broker.clientConfig("alice", "SCRAM-SHA-512", true), "--topic", "orders"], {
        input: "first\nsecond\nthird\n",
      });
      expect(produced.code, produced.stderr).toBe(0);
      const consumed = await kafkaTool("kafka-console-consumer", [
        "--bootstrap-server",
        broker.saslSsl,
        "--consumer.config",
        broker.clientConfig("alice", "SCRAM-SHA-512", true),
        "--topic",
        "orders",
        "--group",
        "order",
        "--from-beginning",
        "--max-messages",
        "3",
      ]);
      expect(consumed.code, consumed.stderr).toBe(0);
      expect(records(consumed.stdout)).toEqual(["first", "second", "third"]);
    });

    it("without READ on the group a consumer cannot join: GROUP_AUTHORIZATION_FAILED", async () => {
      await adminTool("kafka-acls", ["--add", "--allow-principal", "User:bob", "--operation", "Read", "--topic", "orders"]);
      const consumed = await kafkaTool("kafka-console-consumer", [
        "--bootstrap-server",
        broker.saslPlaintext,
        "--consumer.config",
        broker.clientConfig("bob", "SCRAM-SHA-256", false),
        "--topic",
        "orders",
        "--group",
        "order",
        "--from-beginning",
        "--max-messages",
        "1",
        "--timeout-ms",
        "60000",
      ]);
      // Kafka 4.4's console consumer logs the error and ends with status 0 either way: what it printed is the answer.
      expect(consumed.stderr).toContain("org.apache.kafka.common.errors.GroupAuthorizationException: Not authorized to access group: order");
      expect(consumed.stderr).toContain("Processed a total of 0 messages");
      expect(records(consumed.stdout)).toEqual([]);
    });

    it("a principal cannot see topics it may not describe (kafka-topics --list, kcat -L with PLAIN)", async () => {
      const listed = await kafkaTool("kafka-topics", ["--bootstrap-server", broker.saslPlaintext, "--command-config", broker.clientConfig("alice", "PLAIN", false), "--list"]);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout.trim().split("\n")).toEqual(["orders"]);
      const metadata = await kcat("bob", "PLAIN", ["-L"]);
      expect(metadata.code, metadata.stderr).toBe(0);
      expect(metadata.stdout).toContain('topic "bob-notes"');
      expect(metadata.stdout).toContain('topic "orders"');
      expect(metadata.stdout).not.toMatch(/topic "__consumer_offsets"|topic "_skein_audit"/);
    });

    it("kcat with PLAIN: produce refused without WRITE, produce and consume with it; its SCRAM is refused as Kafka 4.4 refuses it", async () => {
      const refused = await kcat("bob", "PLAIN", ["-P", "-t", "orders"], "x\n");
      expect(refused.stderr).toContain("Topic authorization failed");
      const produced = await kcat("alice", "PLAIN", ["-P", "-t", "orders"], "from-kcat\n");
      expect(produced.code, produced.stderr).toBe(0);
      const consumed = await kcat("alice", "PLAIN", ["-C", "-t", "orders", "-e", "-f", "%s\\n"]);
      expect(consumed.code, consumed.stderr).toBe(0);
      expect(consumed.lines()).toEqual(["first", "second", "third", "from-kcat"]);
      // kcat 1.7's librdkafka 2.0.2 repeats its own nonce in the SCRAM client-final message (r=<client><client><server>);
      // Kafka 4.4 requires the exact nonce of the exchange, so both brokers refuse it (confluent-kafka's librdkafka 2.16
      // and every other client here authenticate with SCRAM).
      const scram = await runProgram(ensureKcat(), ["-b", broker.saslPlaintext, "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=SCRAM-SHA-256", "-X", "sasl.username=alice", "-X", "sasl.password=alice-secret", "-L", "-m", "2"]);
      expect(scram.code).not.toBe(0);
      expect(scram.stderr).toContain("Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256");
      const wrong = await runProgram(ensureKcat(), ["-b", broker.saslPlaintext, "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=PLAIN", "-X", "sasl.username=alice", "-X", "sasl.password=nope", "-L", "-m", "2"]);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/SASL authentication error: Authentication failed/);
    });

    it("confluent-kafka over SASL_SSL with SCRAM-SHA-512 produces and consumes in group order", async () => {
      const env = {
        KAFKA_CLIENT_CONFIG: JSON.stringify({
          "security.protocol": "SASL_SSL",
          "sasl.mechanism": "SCRAM-SHA-512",
          "sasl.username": "alice",
          "sasl.password": USERS.alice,
          "ssl.ca.location": broker.caPath,
        }),
      };
      await adminTool("kafka-topics", ["--create", "--topic", "py-orders", "--partitions", "1"]);
      await adminTool("kafka-acls", ["--add", "--allow-principal", "User:alice", "--operation", "All", "--topic", "py-orders"]);
      const produced = await runProgram(ensurePythonClient(), [PYTHON_SCRIPT, "produce", broker.saslSsl, "py-orders", "5", "zstd"], { env });
      expect(produced.code, produced.stderr).toBe(0);
      expect(produced.stdout).toContain("PRODUCED 5 zstd");
      const consumed = await runProgram(ensurePythonClient(), [PYTHON_SCRIPT, "consume", broker.saslSsl, "py-orders", "order", "5"], { env });
      expect(consumed.code, consumed.stderr).toBe(0);
      expect(consumed.stdout).toContain("COMMITTED 5");
    });

    it("franz-go with SCRAM-SHA-256 produces (idempotently) and consumes in group order, and over SASL_SSL in a group a PREFIXED ACL allows", async () => {
      await adminTool("kafka-topics", ["--create", "--topic", "go-orders", "--partitions", "2"]);
      await adminTool("kafka-acls", ["--add", "--allow-principal", "User:alice", "--operation", "Write", "--operation", "Read", "--topic", "go-orders"]);
      const auth = ["-brokers", broker.saslPlaintext, "-sasl", "SCRAM-SHA-256", "-user", "alice", "-password", USERS.alice];
      const produced = await runProgram(ensureFranzGo(), ["produce", ...auth, "-topic", "go-orders", "-count", "6"]);
      expect(produced.code, produced.stderr).toBe(0);
      expect(produced.stdout).toContain("PRODUCED 6");
      const consumed = await runProgram(ensureFranzGo(), ["consume", ...auth, "-topic", "go-orders", "-group", "order", "-count", "6"]);
      expect(consumed.code, consumed.stderr).toBe(0);
      expect(consumed.stdout).toContain("COMMITTED 6");
      const prefixed = await adminTool("kafka-acls", ["--add", "--allow-principal", "User:alice", "--operation", "Read", "--group", "order-", "--resource-pattern-type", "prefixed"]);
      expect(prefixed.code, prefixed.stderr).toBe(0);
      const tls = await runProgram(ensureFranzGo(), ["consume", "-brokers", broker.saslSsl, "-sasl", "SCRAM-SHA-512", "-user", "alice", "-password", USERS.alice, "-tls-ca", broker.caPath, "-topic", "go-orders", "-group", "order-tls", "-count", "6"]);
      expect(tls.code, tls.stderr).toBe(0);
    });

    it("kafka-configs sets client quotas for users and clients, and describes them", async () => {
      const set = await adminTool("kafka-configs", ["--alter", "--entity-type", "users", "--entity-name", "bob", "--add-config", "producer_byte_rate=1048576,consumer_byte_rate=2097152"]);
      expect(set.code, set.stdout + set.stderr).toBe(0);
      const clients = await adminTool("kafka-configs", ["--alter", "--entity-type", "clients", "--entity-default", "--add-config", "request_percentage=200"]);
      expect(clients.code, clients.stdout + clients.stderr).toBe(0);
      await waitUntil(async () => {
        const described = await adminTool("kafka-configs", ["--describe", "--entity-type", "users", "--entity-name", "bob"]);
        return described.stdout.includes("Quota configs for user-principal 'bob' are consumer_byte_rate=2097152.0, producer_byte_rate=1048576.0");
      }, "bob's quotas described");
    });
  });
}
