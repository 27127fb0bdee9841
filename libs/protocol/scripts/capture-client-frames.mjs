#!/usr/bin/env node
// Captures the first requests a real Kafka client sends, as golden test fixtures: a tiny TCP listener on loopback
// answers ApiVersions (every API at the versions of Kafka's definitions), Metadata (one broker, the requested topics
// with one partition led by it), InitProducerId and Produce, and writes each request frame (without its 4-byte size)
// to test-fixtures/golden/<client>/<nn>-<Api>-v<version>.hex. Build the package first (`npx tsc -b libs/protocol`).
//
//   node libs/protocol/scripts/capture-client-frames.mjs kafkajs          kafkajs from npm (a devDependency)
//   node libs/protocol/scripts/capture-client-frames.mjs kcat             Debian's kcat (apt-get install -y kcat)
//   node libs/protocol/scripts/capture-client-frames.mjs confluent-kafka --python /path/to/venv/bin/python
//                                                                         confluent-kafka from PyPI (pip install confluent-kafka)
//   node libs/protocol/scripts/capture-client-frames.mjs java --classpath '/path/to/lib/*'
//                                                                         kafka-clients 4.x from Maven Central (and slf4j-nop)
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ApiKey,
  apiMessages,
  decodeRequestHeader,
  encodeResponseHeader,
  Reader,
  responseHeaderVersion,
  Writer,
} from "../dist/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const client = process.argv[2];
const option = (name) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const TOPIC = "golden";
const CLIENT_ID = "skein-golden";
const outDir = resolve(here, "../test-fixtures/golden", client ?? "");

const clients = {
  kafkajs: {
    describe: async () => `kafkajs ${(await import("kafkajs/package.json", { with: { type: "json" } })).default.version} (npm)`,
    run: (port) => [
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { Kafka, logLevel } from "kafkajs";
         const kafka = new Kafka({ clientId: "${CLIENT_ID}", brokers: ["127.0.0.1:${port}"], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
         const producer = kafka.producer({ allowAutoTopicCreation: false });
         await producer.connect();
         await producer.send({ topic: "${TOPIC}", acks: -1, messages: [{ key: "k1", value: "hello from kafkajs", headers: { h: "v" } }, { key: null, value: "second" }] });
         await producer.disconnect();`,
      ],
    ],
  },
  kcat: {
    describe: async () => {
      const version = /Version (\S+) .*librdkafka (\S+)/.exec(await output("kcat", ["-V"]));
      return `kcat ${version[1]} with librdkafka ${version[2]} (Debian package kcat)`;
    },
    run: (port) => ["kcat", ["-P", "-b", `127.0.0.1:${port}`, "-t", TOPIC, "-K", ":", "-X", `client.id=${CLIENT_ID}`, "-X", "acks=all"], "k1:hello from kcat\n"],
  },
  "confluent-kafka": {
    describe: async () => {
      const out = await output(option("python"), ["-c", "import confluent_kafka as c; v = c.version(); print(v[0] if isinstance(v, tuple) else v, c.libversion()[0])"]);
      const [py, rd] = out.trim().split(" ");
      return `confluent-kafka ${py} for Python (PyPI), librdkafka ${rd}`;
    },
    run: (port) => [
      option("python"),
      [
        "-c",
        `from confluent_kafka import Producer
p = Producer({"bootstrap.servers": "127.0.0.1:${port}", "client.id": "${CLIENT_ID}", "acks": "all", "linger.ms": 5})
p.produce("${TOPIC}", key=b"k1", value=b"hello from confluent-kafka", headers=[("h", b"v")])
p.flush(10)`,
      ],
    ],
  },
  java: {
    describe: async () => {
      const jar = readdirSync(option("classpath").replace(/\/\*$/, "")).find((f) => f.startsWith("kafka-clients-"));
      const java = (await output("java", ["-version"])).split("\n")[0].trim();
      return `Apache Kafka's Java client ${jar.replace(/^kafka-clients-|\.jar$/g, "")} (Maven Central org.apache.kafka:kafka-clients), ${java}`;
    },
    run: (port) => ["java", ["-cp", option("classpath"), join(here, "GoldenProducer.java"), `127.0.0.1:${port}`, TOPIC, CLIENT_ID]],
  },
};

function output(command, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (d) => (text += d));
    child.stderr.on("data", (d) => (text += d));
    child.on("error", reject);
    child.on("close", () => resolvePromise(text));
  });
}

function encodeResponse(apiKey, version, correlationId, body) {
  const api = apiMessages.get(apiKey);
  const w = new Writer();
  encodeResponseHeader(w, { correlationId }, responseHeaderVersion(apiKey, version));
  api.response.encode(w, body, version);
  const { chunks, length } = w.finish();
  const size = Buffer.alloc(4);
  size.writeInt32BE(length);
  return Buffer.concat([size, ...chunks]);
}

function answer(apiKey, version, request, port) {
  switch (apiKey) {
    case ApiKey.ApiVersions:
      return {
        errorCode: 0,
        apiKeys: [...apiMessages.values()].filter((a) => a.listeners.includes("broker")).map((a) => ({ apiKey: a.apiKey, minVersion: a.minVersion, maxVersion: a.maxVersion })),
        throttleTimeMs: 0,
      };
    case ApiKey.Metadata: {
      const names = request.topics === null || request.topics.length === 0 ? [TOPIC] : request.topics.map((t) => t.name ?? TOPIC);
      return {
        brokers: [{ nodeId: 0, host: "127.0.0.1", port, rack: null }],
        clusterId: "skein-golden-capture",
        controllerId: 0,
        topics: names.map((name) => ({
          errorCode: 0,
          name,
          topicId: "AAAAAAAAAAAAAAAAAAAAAQ",
          isInternal: false,
          partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 0, leaderEpoch: 0, replicaNodes: [0], isrNodes: [0], offlineReplicas: [] }],
          topicAuthorizedOperations: -2147483648,
        })),
        clusterAuthorizedOperations: -2147483648,
      };
    }
    case ApiKey.InitProducerId:
      return { throttleTimeMs: 0, errorCode: 0, producerId: 1000, producerEpoch: 0 };
    case ApiKey.Produce:
      return {
        responses: request.topicData.map((t) => ({
          name: t.name,
          partitionResponses: t.partitionData.map((p) => ({ index: p.index, errorCode: 0, baseOffset: 0, logAppendTimeMs: -1, logStartOffset: 0 })),
        })),
        throttleTimeMs: 0,
      };
    default:
      return null;
  }
}

async function main() {
  const spec = clients[client];
  if (!spec) throw new Error(`Usage: capture-client-frames.mjs ${Object.keys(clients).join("|")} [--python PATH] [--classpath CP]`);
  const description = await spec.describe();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const frames = [];
  let done;
  const finished = new Promise((r) => (done = r));
  const server = createServer((socket) => {
    let pending = Buffer.alloc(0);
    socket.on("data", (data) => {
      pending = Buffer.concat([pending, data]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const frame = pending.subarray(4, 4 + pending.readInt32BE(0));
        pending = pending.subarray(4 + frame.length);
        const reader = new Reader(frame);
        const header = decodeRequestHeader(reader);
        const api = apiMessages.get(header.requestApiKey);
        const request = api.request.decode(reader, header.requestApiVersion);
        frames.push({ api: api.name, version: header.requestApiVersion, correlationId: header.correlationId, frame: Buffer.from(frame) });
        const body = answer(header.requestApiKey, header.requestApiVersion, request, server.address().port);
        if (body !== null && !(header.requestApiKey === ApiKey.Produce && request.acks === 0)) {
          socket.write(encodeResponse(header.requestApiKey, header.requestApiVersion, header.correlationId, body));
        }
        if (header.requestApiKey === ApiKey.Produce) setTimeout(done, 500);
      }
    });
    socket.on("error", () => undefined);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const [command, args, stdin] = spec.run(server.address().port);
  const child = spawn(command, args, { stdio: ["pipe", "inherit", "inherit"], cwd: here });
  child.stdin.end(stdin ?? "");
  const timeout = setTimeout(done, 30_000);
  await finished;
  clearTimeout(timeout);
  child.kill();
  server.close();
  const date = new Date().toISOString().slice(0, 10);
  frames.forEach((f, i) => {
    const name = `${String(i + 1).padStart(2, "0")}-${f.api}-v${f.version}.hex`;
    const hex = f.frame.toString("hex").match(/.{1,64}/g).join("\n");
    const text = [
      `# client: ${description}`,
      `# captured: ${date} by libs/protocol/scripts/capture-client-frames.mjs ${client} (the request frame without its 4-byte size)`,
      `# request: ${f.api} v${f.version}, correlation id ${f.correlationId}`,
      hex,
      "",
    ].join("\n");
    writeFileSync(join(outDir, name), text);
    console.log(`${client}: ${name}`);
  });
  process.exit(0);
}

await main();
