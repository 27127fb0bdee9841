import { jsonDepthExceeds, tooDeepError } from "../common/json-depth.js";
import type { Acks, IsolationLevel } from "@skein/broker";
import { decodeStrictBase64 } from "../common/strict-base64.js";
import { parseAcks } from "../records/producer-acks.js";

/**
 * The `/ws` protocol (docs/rest-api.md): one JSON object per frame. This file holds the frames and their
 * validation, without sockets or the engine.
 */

/** Where a subscription starts in each partition. */
export type StartPosition = "latest" | "earliest" | { offset: number } | { timestamp: number };

/** How keys, values and header values travel in frames. */
export type Encoding = "base64" | "string";

export interface SubscribeFrame {
  type: "subscribe";
  id: string;
  topic: string;
  /** Undefined: every partition, including partitions added later. */
  partitions: number[] | undefined;
  from: StartPosition;
  filter: { keyEquals: Buffer | undefined; valueContains: Buffer | undefined };
  /** How records are sent (Skein's extension; base64 by default). */
  encoding: Encoding;
  /** read_committed (the default) tails up to the last stable offset; read_uncommitted up to the high watermark. */
  isolationLevel: IsolationLevel;
}

export interface UnsubscribeFrame {
  type: "unsubscribe";
  id: string;
}

export interface ProduceFrame {
  type: "produce";
  id: string;
  topic: string;
  partition: number | undefined;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
  timestamp: number | undefined;
  /** Kafka's acks (0, 1, "all" or -1); undefined: the service's SKEIN_PRODUCER_ACKS. */
  acks: Acks | undefined;
}

export interface PingFrame {
  type: "ping";
}

export type ClientFrame = SubscribeFrame | UnsubscribeFrame | ProduceFrame | PingFrame;

/** A record as a `records` frame carries it. */
export interface TailRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string | null>;
  encoding: Encoding;
}

/** A frame the server refuses: answered with an `error` frame carrying a REST error code. */
export class FrameError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
    readonly id?: string,
  ) {
    super(message);
    this.name = "FrameError";
  }
}

/** Parses and validates one client frame. */
export function parseClientFrame(text: string): ClientFrame {
  if (jsonDepthExceeds(text)) throw new FrameError(400, tooDeepError("The frame").message);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FrameError(400, `A frame must be one JSON object: ${(error as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new FrameError(400, "A frame must be one JSON object.");
  const frame = json as Record<string, unknown>;
  const id = typeof frame.id === "string" ? frame.id : undefined;
  const fail = (message: string): never => {
    throw new FrameError(400, message, id);
  };
  switch (frame.type) {
    case "ping":
      return { type: "ping" };
    case "unsubscribe":
      return { type: "unsubscribe", id: requireId(id, fail) };
    case "subscribe":
      return parseSubscribe(frame, requireId(id, fail), fail);
    case "produce":
      return parseProduce(frame, requireId(id, fail), fail);
    default:
      return fail(`Unknown frame type ${JSON.stringify(frame.type)}: use subscribe, unsubscribe, produce or ping.`);
  }
}

function requireId(id: string | undefined, fail: (message: string) => never): string {
  if (id === undefined || id.length === 0 || id.length > 256) return fail("The frame needs an id: a string of 1 to 256 characters.");
  return id;
}

function parseSubscribe(frame: Record<string, unknown>, id: string, fail: (message: string) => never): SubscribeFrame {
  const topic = requireTopic(frame.topic, fail);
  let partitions: number[] | undefined;
  if (frame.partitions !== undefined && frame.partitions !== null) {
    if (!Array.isArray(frame.partitions) || frame.partitions.length === 0 || !frame.partitions.every(isPartitionId)) {
      fail("partitions must be a non-empty array of partition ids.");
    }
    partitions = [...new Set(frame.partitions as number[])].sort((a, b) => a - b);
  }
  const from = parseStart(frame.from ?? "latest", fail);
  const filter = { keyEquals: undefined as Buffer | undefined, valueContains: undefined as Buffer | undefined };
  if (frame.filter !== undefined && frame.filter !== null) {
    if (typeof frame.filter !== "object" || Array.isArray(frame.filter)) fail('filter must be an object: {"key_equals": "...", "value_contains": "..."}.');
    const { key_equals: keyEquals, value_contains: valueContains } = frame.filter as Record<string, unknown>;
    if (keyEquals !== undefined && typeof keyEquals !== "string") fail("filter.key_equals must be a string.");
    if (valueContains !== undefined && typeof valueContains !== "string") fail("filter.value_contains must be a string.");
    if (typeof keyEquals === "string") filter.keyEquals = Buffer.from(keyEquals, "utf8");
    if (typeof valueContains === "string" && valueContains.length > 0) filter.valueContains = Buffer.from(valueContains, "utf8");
  }
  const encoding = frame.encoding ?? "base64";
  if (encoding !== "base64" && encoding !== "string") fail('encoding must be "base64" or "string".');
  const isolationLevel = frame.isolation_level ?? "read_committed";
  if (isolationLevel !== "read_committed" && isolationLevel !== "read_uncommitted") {
    throw new FrameError(40002, `isolation_level must be "read_committed" or "read_uncommitted", got ${JSON.stringify(isolationLevel)}.`, id);
  }
  return { type: "subscribe", id, topic, partitions, from, filter, encoding: encoding as Encoding, isolationLevel };
}

function parseStart(raw: unknown, fail: (message: string) => never): StartPosition {
  if (raw === "latest" || raw === "earliest") return raw;
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) {
    const { offset, timestamp } = raw as Record<string, unknown>;
    if (offset !== undefined && timestamp === undefined && Number.isSafeInteger(offset) && (offset as number) >= 0) return { offset: offset as number };
    if (timestamp !== undefined && offset === undefined && Number.isSafeInteger(timestamp) && (timestamp as number) >= 0) return { timestamp: timestamp as number };
  }
  return fail('from must be "latest", "earliest", {"offset": N} or {"timestamp": epoch ms}.');
}

function parseProduce(frame: Record<string, unknown>, id: string, fail: (message: string) => never): ProduceFrame {
  const topic = requireTopic(frame.topic, fail);
  let partition: number | undefined;
  if (frame.partition !== undefined && frame.partition !== null) {
    if (!isPartitionId(frame.partition)) fail("partition must be a partition id (a non-negative integer).");
    partition = frame.partition as number;
  }
  const encoding = frame.encoding ?? "string";
  if (encoding !== "base64" && encoding !== "string") fail('encoding must be "string" or "base64".');
  const decode = (raw: unknown, what: string): Buffer | null => {
    if (raw === undefined || raw === null) return null;
    if (typeof raw !== "string") return fail(`${what} must be a string or null.`);
    if (encoding === "string") return Buffer.from(raw, "utf8");
    return decodeStrictBase64(raw) ?? fail(`${what} is not valid base64.`);
  };
  const headers: { key: string; value: Buffer | null }[] = [];
  if (frame.headers !== undefined && frame.headers !== null) {
    if (typeof frame.headers !== "object" || Array.isArray(frame.headers)) fail('headers must be an object: {"name": "value"}.');
    for (const [name, value] of Object.entries(frame.headers as Record<string, unknown>)) headers.push({ key: name, value: decode(value, `headers.${name}`) });
  }
  let timestamp: number | undefined;
  if (frame.timestamp !== undefined && frame.timestamp !== null) {
    if (!Number.isSafeInteger(frame.timestamp) || (frame.timestamp as number) < 0) fail("timestamp must be epoch milliseconds.");
    timestamp = frame.timestamp as number;
  }
  const acks = frame.acks === undefined || frame.acks === null ? undefined : parseAcks(frame.acks, (message) => new FrameError(40002, message, id));
  return { type: "produce", id, topic, partition, key: decode(frame.key, "key"), value: decode(frame.value, "value"), headers, timestamp, acks };
}

function requireTopic(raw: unknown, fail: (message: string) => never): string {
  if (typeof raw !== "string" || raw.length === 0) return fail("topic must be a topic name.");
  return raw;
}

function isPartitionId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 2147483647;
}
