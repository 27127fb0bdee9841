import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { apiMessages } from "./generated/api-messages.js";
import { decodeRequestHeader, encodeRequestHeader, type RequestHeader } from "./generated/request-header.js";
import { requestHeaderVersion } from "./header-versions.js";
import { Reader } from "./reader.js";
import { Writer } from "./writer.js";

// Frames captured from real clients by scripts/capture-client-frames.mjs (see test-fixtures/golden/README.md).
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../test-fixtures/golden");

interface Frame {
  client: string;
  file: string;
  bytes: Buffer;
}

function frames(): Frame[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(root, dir.name))
        .filter((file) => file.endsWith(".hex"))
        .map((file) => {
          const text = readFileSync(join(root, dir.name, file), "utf8");
          const hex = text.split("\n").filter((line) => !line.startsWith("#")).join("");
          return { client: dir.name, file, bytes: Buffer.from(hex, "hex") };
        }),
    );
}

function decode(bytes: Buffer): { header: RequestHeader; body: Record<string, unknown>; left: number } {
  const reader = new Reader(bytes);
  const header = decodeRequestHeader(reader);
  const body = apiMessages.get(header.requestApiKey)!.request.decode(reader, header.requestApiVersion) as Record<string, unknown>;
  return { header, body, left: reader.remaining() };
}

/** What a RecordBatch v2 says about itself (records stay raw bytes here: the engine owns their codec). */
function batchOf(records: Buffer) {
  return { batchLength: records.readInt32BE(8), magic: records[16], producerId: Number(records.readBigInt64BE(43)), recordCount: records.readInt32BE(57) };
}

function produceRecords(body: Record<string, unknown>): Buffer {
  const topics = body.topicData as { name: string; partitionData: { index: number; records: Buffer }[] }[];
  expect(topics).toHaveLength(1);
  expect(topics[0]!.name).toBe("golden");
  expect(topics[0]!.partitionData[0]!.index).toBe(0);
  return topics[0]!.partitionData[0]!.records;
}

const expectations: Record<string, (body: Record<string, unknown>) => void> = {
  "kafkajs/01-ApiVersions-v2.hex": (body) => expect(body).toEqual({ clientSoftwareName: "", clientSoftwareVersion: "" }),
  "kafkajs/02-Metadata-v6.hex": (body) => expect(body).toMatchObject({ topics: [{ name: "golden" }], allowAutoTopicCreation: false }),
  "kafkajs/03-Produce-v7.hex": (body) => {
    expect(body).toMatchObject({ transactionalId: null, acks: -1, timeoutMs: 30000 });
    const records = produceRecords(body);
    expect(batchOf(records)).toEqual({ batchLength: records.length - 12, magic: 2, producerId: -1, recordCount: 2 });
  },
  "kcat/01-ApiVersions-v3.hex": (body) => expect(body).toEqual({ clientSoftwareName: "librdkafka", clientSoftwareVersion: "2.0.2" }),
  "kcat/02-Metadata-v4.hex": (body) => expect(body).toMatchObject({ topics: [{ name: "golden" }], allowAutoTopicCreation: true }),
  "kcat/03-Produce-v7.hex": (body) => {
    expect(body).toMatchObject({ acks: -1, timeoutMs: 30000 });
    const records = produceRecords(body);
    expect(batchOf(records)).toMatchObject({ batchLength: records.length - 12, magic: 2, recordCount: 1 });
    expect(records.includes(Buffer.from("hello from kcat"))).toBe(true);
  },
  "confluent-kafka/01-ApiVersions-v3.hex": (body) => expect(body).toEqual({ clientSoftwareName: "confluent-kafka-python", clientSoftwareVersion: "2.16.1-rdkafka-2.16.0" }),
  "confluent-kafka/02-Metadata-v12.hex": (body) =>
    expect(body).toEqual({ topics: [{ topicId: "AAAAAAAAAAAAAAAAAAAAAA", name: "golden" }], allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false }),
  "confluent-kafka/03-ApiVersions-v3.hex": (body) => expect(body).toMatchObject({ clientSoftwareName: "confluent-kafka-python" }),
  "confluent-kafka/04-Produce-v10.hex": (body) => {
    expect(body).toMatchObject({ transactionalId: null, acks: -1 });
    const records = produceRecords(body);
    expect(batchOf(records)).toMatchObject({ batchLength: records.length - 12, magic: 2, recordCount: 1 });
  },
  "confluent-kafka/05-GetTelemetrySubscriptions-v0.hex": (body) => expect(body).toEqual({ clientInstanceId: "AAAAAAAAAAAAAAAAAAAAAA" }),
  "java/01-ApiVersions-v4.hex": (body) => expect(body).toEqual({ clientSoftwareName: "apache-kafka-java", clientSoftwareVersion: "4.1.1" }),
  "java/02-Metadata-v12.hex": (body) => expect(body).toMatchObject({ topics: [{ topicId: "AAAAAAAAAAAAAAAAAAAAAA", name: "golden" }], allowAutoTopicCreation: true }),
  "java/03-InitProducerId-v5.hex": (body) => expect(body).toEqual({ transactionalId: null, transactionTimeoutMs: 2147483647, producerId: -1, producerEpoch: -1 }),
  "java/04-ApiVersions-v4.hex": (body) => expect(body).toMatchObject({ clientSoftwareName: "apache-kafka-java" }),
  "java/05-Produce-v11.hex": (body) => {
    expect(body).toMatchObject({ transactionalId: null, acks: -1, timeoutMs: 30000 });
    const records = produceRecords(body);
    // The idempotent producer writes the id InitProducerId gave it (1000, from the capture listener).
    expect(batchOf(records)).toEqual({ batchLength: records.length - 12, magic: 2, producerId: 1000, recordCount: 2 });
  },
  "java/06-GetTelemetrySubscriptions-v0.hex": (body) => expect(body).toEqual({ clientInstanceId: "AAAAAAAAAAAAAAAAAAAAAA" }),
};

describe("golden frames from real clients", () => {
  const all = frames();

  it("cover the requests the brief asks for", () => {
    const names = all.map((f) => `${f.client}/${f.file.replace(/^\d+-/, "")}`);
    for (const expected of [
      "kcat/ApiVersions-v3.hex",
      "kcat/Metadata-v4.hex",
      "kafkajs/ApiVersions-v2.hex",
      "kafkajs/Metadata-v6.hex",
      "java/ApiVersions-v4.hex",
      "java/Metadata-v12.hex",
      "confluent-kafka/Metadata-v12.hex",
      "java/Produce-v11.hex",
    ]) {
      expect(names).toContain(expected);
    }
    expect(Object.keys(expectations).sort()).toEqual(all.map((f) => `${f.client}/${f.file}`).sort());
  });

  for (const frame of all) {
    it(`${frame.client} ${frame.file} decodes to what the client sent and re-encodes to the same bytes`, () => {
      const { header, body, left } = decode(frame.bytes);
      expect(left).toBe(0);
      const [, api, version] = /^\d+-(\w+)-v(\d+)\.hex$/.exec(frame.file)!;
      expect(apiMessages.get(header.requestApiKey)!.name).toBe(api);
      expect(header.requestApiVersion).toBe(Number(version));
      expect(header.clientId).toBe("skein-golden");
      expectations[`${frame.client}/${frame.file}`]!(body);

      const w = new Writer();
      encodeRequestHeader(w, header, requestHeaderVersion(header.requestApiKey, header.requestApiVersion));
      apiMessages.get(header.requestApiKey)!.request.encode(w, body, header.requestApiVersion);
      expect(w.toBuffer().toString("hex")).toBe(frame.bytes.toString("hex"));
    });
  }
});
