import type { RestClient } from "./rest-client.js";
import { unknownTopic } from "./admin-api.js";
import type { PartitionRecordList, ProduceReport } from "./v3-types.js";

/** A record for v3 produce, with BINARY (base64) key and value so any bytes travel unchanged. */
export interface ProduceRecord {
  key: string | null;
  value: string | null;
  partition?: number;
}

/** The v3 produce body for several records: concatenated JSON objects (REST Proxy's streaming form). */
export function produceBody(records: readonly ProduceRecord[]): string {
  return records
    .map((r) =>
      JSON.stringify({
        ...(r.partition !== undefined && { partition_id: r.partition }),
        ...(r.key !== null && { key: { type: "BINARY", data: Buffer.from(r.key, "utf8").toString("base64") } }),
        ...(r.value !== null && { value: { type: "BINARY", data: Buffer.from(r.value, "utf8").toString("base64") } }),
      }),
    )
    .join("");
}

/** Delivery reports as the service streams them back: one JSON object per line (a JSON array is accepted too). */
export function parseReports(text: string): ProduceReport[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("[")) return JSON.parse(trimmed) as ProduceReport[];
  return trimmed
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ProduceReport);
}

/** Kafka's producer `acks`, as the service's `?acks=` takes it. */
export type ProducerAcks = "0" | "1" | "all" | "-1";

/**
 * Produces records in one request and returns one delivery report per record, in order. `acks` is what the answer
 * waits for; without it the service's default (SKEIN_PRODUCER_ACKS, all) applies.
 */
export async function produceRecords(client: RestClient, topic: string, records: readonly ProduceRecord[], acks?: ProducerAcks): Promise<ProduceReport[]> {
  const path = (await client.v3("topics", topic, "records")) + (acks === undefined ? "" : `?acks=${acks}`);
  const body = produceBody(records);
  // Producing creates a missing topic unless the broker says otherwise.
  const response = await client
    .request<unknown>("POST", path, { rawBody: body })
    .catch((e) => unknownTopic(e, topic, ", and the server does not create topics on produce (auto.create.topics.enable=false)"));
  if (typeof response === "string") return parseReports(response);
  if (Array.isArray(response)) return response as ProduceReport[];
  return [response as ProduceReport];
}

/** Kafka's consumer `isolation.level`, as the partition `records` extension takes it. */
export type IsolationLevel = "read_committed" | "read_uncommitted";

/** Reads records of one partition from an offset through Skein's partition `records` extension (no group involved). */
export async function readPartition(client: RestClient, topic: string, partition: number, offset: number, limit: number, signal?: AbortSignal, isolationLevel?: IsolationLevel): Promise<PartitionRecordList> {
  const path = await client.v3("topics", topic, "partitions", partition, "records");
  const query = isolationLevel === undefined ? { offset, limit } : { offset, limit, isolation_level: isolationLevel };
  return client.request<PartitionRecordList>("GET", path, { query, ...(signal && { signal }) }).catch((e) => unknownTopic(e, topic));
}
