// Node's Kafka clients, unchanged, against the selected brokers: kafkajs 2.2.4 (never flexible versions, Produce ≤ 7,
// Fetch ≤ 11) and @platformatic/kafka 1.x (only flexible versions) — produce, group consume with commits, admin —
// and NestJS's Kafka microservice transport (examples/nestjs-kafka, built by `npm run build`).
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from "@platformatic/kafka";
import { partitionForKey } from "@skein/broker";
import { CompressionTypes, Kafka, logLevel } from "kafkajs";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kafkaTool } from "./support/kafka-tool.mjs";
import { runProgram, waitUntil } from "./support/processes.js";
import { kafkaTargets, type KafkaTarget, type StartedTarget } from "./support/targets.js";

const NEST_EXAMPLE = fileURLToPath(new URL("../../examples/nestjs-kafka/dist/main.js", import.meta.url));

for (const target of kafkaTargets()) describeNodeClients(target);

function describeNodeClients(target: KafkaTarget): void {
  describe(`Node clients against ${target.name}`, () => {
    let broker: StartedTarget;
    beforeAll(async () => {
      broker = await target.start();
    });
    afterAll(async () => {
      await broker?.stop();
    });

    describe("kafkajs 2.2.4", () => {
      let kafka: Kafka;
      beforeAll(() => {
        kafka = new Kafka({ clientId: "skein-kafkajs-check", brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
      });

      it("admin creates a topic and reads its metadata and the cluster", async () => {
        const admin = kafka.admin();
        await admin.connect();
        try {
          expect(await admin.createTopics({ topics: [{ topic: "kafkajs_topic", numPartitions: 3 }], waitForLeaders: true })).toBe(true);
          const metadata = await admin.fetchTopicMetadata({ topics: ["kafkajs_topic"] });
          expect(metadata.topics[0]!.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
          const cluster = await admin.describeCluster();
          expect(cluster.brokers).toEqual([{ nodeId: 0, host: "127.0.0.1", port: Number(broker.bootstrap.split(":")[1]) }]);
        } finally {
          await admin.disconnect();
        }
      });

      it("a producer sends keyed records (plain and gzip) to murmur2's partitions", async () => {
        const producer = kafka.producer();
        await producer.connect();
        try {
          for (const compression of [CompressionTypes.None, CompressionTypes.GZIP]) {
            const messages = Array.from({ length: 10 }, (_, i) => ({ key: `kjs-${compression}-${i}`, value: `value ${i}` }));
            const sent = await producer.send({ topic: "kafkajs_topic", messages, acks: -1, compression });
            expect(sent.every((result) => result.errorCode === 0)).toBe(true);
          }
        } finally {
          await producer.disconnect();
        }
      });

      it("a group consumer reads all twenty, commits, and admin fetches the committed offsets", async () => {
        const consumer = kafka.consumer({ groupId: "kafkajs-group" });
        const received: { key: string; partition: number; offset: string }[] = [];
        await consumer.connect();
        try {
          await consumer.subscribe({ topic: "kafkajs_topic", fromBeginning: true });
          await consumer.run({
            eachMessage: async ({ message, partition }) => {
              received.push({ key: message.key!.toString(), partition, offset: message.offset });
            },
          });
          await waitUntil(() => received.length >= 20, "20 records");
        } finally {
          await consumer.disconnect();
        }
        for (const { key, partition } of received) expect(partition, key).toBe(partitionForKey(Buffer.from(key), 3));

        const admin = kafka.admin();
        await admin.connect();
        try {
          const [committed] = await admin.fetchOffsets({ groupId: "kafkajs-group", topics: ["kafkajs_topic"] });
          const ends = await admin.fetchTopicOffsets("kafkajs_topic");
          expect(committed!.partitions.map((p) => [p.partition, p.offset]).sort()).toEqual(ends.map((p) => [p.partition, p.offset]).sort());
          const groups = await admin.listGroups();
          expect(groups.groups).toContainEqual({ groupId: "kafkajs-group", protocolType: "consumer" });
        } finally {
          await admin.disconnect();
        }
      });
    });

    describe("@platformatic/kafka 1.x", () => {
      const options = () => ({ clientId: "skein-platformatic-check", bootstrapBrokers: [broker.bootstrap] });

      it("admin creates a topic and reads its metadata", async () => {
        const admin = new Admin(options());
        try {
          await admin.createTopics({ topics: ["platformatic_topic"], partitions: 3, replicas: 1 });
          const metadata = await admin.metadata({ topics: ["platformatic_topic"] });
          expect(metadata.topics.get("platformatic_topic")?.partitionsCount).toBe(3);
          expect([...metadata.brokers.values()].map((b) => `${b.host}:${b.port}`)).toEqual([broker.bootstrap]);
        } finally {
          await admin.close();
        }
      });

      it("an idempotent producer sends keyed records, a group consumer reads and commits them", async () => {
        const producer = new Producer({ ...options(), serializers: stringSerializers, idempotent: true });
        try {
          const messages = Array.from({ length: 20 }, (_, i) => ({ topic: "platformatic_topic", key: `pk-${i}`, value: `value ${i}` }));
          const result = await producer.send({ messages });
          expect(result.offsets?.length).toBeGreaterThan(0);
        } finally {
          await producer.close();
        }

        const consumer = new Consumer({ ...options(), groupId: "platformatic-group", deserializers: stringDeserializers });
        const received: string[] = [];
        try {
          const stream = await consumer.consume({ topics: ["platformatic_topic"], mode: "earliest", autocommit: false });
          for await (const message of stream) {
            received.push(message.key);
            await message.commit();
            if (received.length === 20) break;
          }
          await stream.close();
        } finally {
          await consumer.close(true);
        }
        expect(received.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `pk-${i}`).sort());

        const admin = new Admin(options());
        try {
          const [group] = await admin.listConsumerGroupOffsets({ groups: ["platformatic-group"] });
          const committed = group!.topics.find((topic) => topic.name === "platformatic_topic")!.partitions;
          const total = committed.reduce((sum, p) => sum + Number(p.committedOffset), 0);
          expect(total).toBe(20);
          const groups = await admin.listGroups();
          expect([...groups.keys()]).toContain("platformatic-group");
        } finally {
          await admin.close();
        }
      });
    });

    it("NestJS's Kafka transport: ClientKafka emits, an @EventPattern handler in group nest-orders receives", async () => {
      expect(existsSync(NEST_EXAMPLE), `${NEST_EXAMPLE} is missing: run npm run build`).toBe(true);
      const created = await kafkaTool("kafka-topics", ["--bootstrap-server", broker.bootstrap, "--create", "--topic", "nest-orders", "--partitions", "2"]);
      expect(created.code, created.stdout + created.stderr).toBe(0);
      const app = await runProgram(process.execPath, [NEST_EXAMPLE], { env: { KAFKA_BOOTSTRAP: broker.bootstrap, ORDER_COUNT: "5" } });
      expect(app.code, app.stdout + app.stderr).toBe(0);
      const events = app.lines().filter((line) => line.startsWith("EVENT ")).map((line) => line.split(" "));
      expect(events.map(([, topic, partition, , key]) => [topic, key, partition]).sort()).toEqual(
        [1, 2, 3, 4, 5].map((id) => ["nest-orders", `order-${id}`, String(partitionForKey(Buffer.from(`order-${id}`), 2))]).sort(),
      );
      expect(JSON.parse(events[0]!.slice(5).join(" "))).toMatchObject({ item: expect.stringMatching(/^item-\d$/) });
      expect(app.lines().at(-1)).toBe("RECEIVED 5");
    });
  });
}
