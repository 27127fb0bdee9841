import type { AutoOffsetReset } from "@skein/broker";
import { httpError, RestError } from "../errors/rest-error.js";
import type { NewConsumerInstance } from "./consumer-instances.service.js";
import type { CommitRequestOffset, TopicPartition } from "./consumer-instance.js";

/** The v2 consumer request bodies, checked at the edge: shapes fail with 422, config values with 40001. */

const unprocessable = (message: string) => new RestError(422, 422, message);
const invalidConfig = (message: string) => new RestError(400, 40001, `Invalid consumer configuration value: ${message}`);

function object(body: unknown, what: string): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) throw unprocessable(`The ${what} request must be a JSON object.`);
  return body as Record<string, unknown>;
}

/** `POST /consumers/{group}`: name (or the legacy id), format, auto.offset.reset, auto.commit.enable. */
export function parseCreateInstance(body: unknown): NewConsumerInstance {
  const b = object(body, "create consumer instance");
  const name = optionalString(b.name, "name") ?? optionalString(b.id, "id");
  if (name !== null && name.trim() === "") throw unprocessable("name must not be empty.");
  const format = (optionalString(b.format, "format") ?? "binary").toLowerCase();
  if (format !== "binary" && format !== "json") {
    throw invalidConfig(
      ["avro", "jsonschema", "protobuf"].includes(format)
        ? `format ${format} needs a schema registry, which Skein does not have: use binary or json.`
        : `format must be binary or json, got ${format}.`,
    );
  }
  const reset = (optionalString(b["auto.offset.reset"], "auto.offset.reset") ?? "latest").toLowerCase();
  if (reset !== "latest" && reset !== "earliest" && reset !== "none") throw invalidConfig(`auto.offset.reset must be latest, earliest or none, got ${reset}.`);
  const autoCommit = b["auto.commit.enable"];
  let autoCommitEnable = true;
  if (autoCommit !== undefined && autoCommit !== null) {
    const text = String(autoCommit).toLowerCase();
    if (text !== "true" && text !== "false") throw invalidConfig(`auto.commit.enable must be true or false, got ${String(autoCommit)}.`);
    autoCommitEnable = text === "true";
  }
  return { name, format, autoOffsetReset: reset as AutoOffsetReset, autoCommitEnable };
}

/** `POST .../subscription`: `{"topics": [...]}` or `{"topic_pattern": "..."}`. */
export function parseSubscription(body: unknown): { topics: string[] } | { topicPattern: string } {
  const b = object(body, "subscription");
  if (Array.isArray(b.topics) && b.topics.length > 0) {
    if (!b.topics.every((t) => typeof t === "string" && t.length > 0)) throw unprocessable("topics must be non-empty strings.");
    return { topics: b.topics as string[] };
  }
  if (typeof b.topic_pattern === "string" && b.topic_pattern.length > 0) {
    try {
      new RegExp(b.topic_pattern);
    } catch (error) {
      throw unprocessable(`topic_pattern is not a valid regular expression: ${(error as Error).message}`);
    }
    return { topicPattern: b.topic_pattern };
  }
  throw unprocessable("A subscription needs topics (a non-empty list) or topic_pattern.");
}

/** `{"partitions": [{"topic", "partition"}]}` (assignments, seeks to the beginning or end, committed offsets). */
export function parsePartitions(body: unknown, required = true): TopicPartition[] {
  const b = object(body, "partitions");
  if (!Array.isArray(b.partitions)) {
    if (required) throw unprocessable("partitions must be a list of {topic, partition}.");
    return [];
  }
  return b.partitions.map((p, i) => topicPartition(p, `partitions[${i}]`));
}

/** `POST .../positions`: `{"offsets": [{"topic", "partition", "offset"}]}`. */
export function parseSeek(body: unknown): { topic: string; partition: number; offset: number }[] {
  const b = object(body, "positions");
  if (!Array.isArray(b.offsets)) throw unprocessable("offsets must be a list of {topic, partition, offset}.");
  return b.offsets.map((o, i) => ({ ...topicPartition(o, `offsets[${i}]`), offset: offset((o as Record<string, unknown>).offset, `offsets[${i}].offset`) }));
}

/** `POST .../offsets`: the offsets to commit, or undefined (no body, or no offsets) for everything consumed. */
export function parseCommit(body: unknown): CommitRequestOffset[] | undefined {
  const b = object(body, "commit");
  if (b.offsets === undefined || b.offsets === null) return undefined;
  if (!Array.isArray(b.offsets)) throw unprocessable("offsets must be a list of {topic, partition, offset}.");
  return b.offsets.map((o, i) => {
    const entry = o as Record<string, unknown>;
    return { ...topicPartition(o, `offsets[${i}]`), offset: offset(entry.offset, `offsets[${i}].offset`), metadata: optionalString(entry.metadata, `offsets[${i}].metadata`) };
  });
}

/** A non-negative integer query parameter, or the default; like JAX-RS, one that does not parse is a 404. */
export function queryInt(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  if (!/^-?\d{1,15}$/.test(raw)) throw httpError(404);
  const value = Number(raw);
  return value < 0 ? fallback : value;
}

function topicPartition(value: unknown, where: string): TopicPartition {
  if (typeof value !== "object" || value === null) throw unprocessable(`${where} must be {topic, partition}.`);
  const v = value as Record<string, unknown>;
  if (typeof v.topic !== "string" || v.topic.length === 0) throw unprocessable(`${where}.topic must be a topic name.`);
  if (!Number.isInteger(v.partition) || (v.partition as number) < 0) throw unprocessable(`${where}.partition must be a non-negative integer.`);
  return { topic: v.topic, partition: v.partition as number };
}

function offset(value: unknown, where: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw unprocessable(`${where} must be a non-negative integer.`);
  return value as number;
}

function optionalString(value: unknown, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw unprocessable(`${where} must be a string.`);
  return value;
}
