import { ByteReader, ByteWriter } from "./bytes.js";

/**
 * The embedded consumer protocol (protocol type "consumer"): the member metadata a consumer sends in JoinGroup
 * (ConsumerProtocolSubscription) and the assignment the leader hands out in SyncGroup (ConsumerProtocolAssignment),
 * as Kafka's clients write them. Readers accept any version and read the fields of the highest one they know, as
 * Kafka's `ConsumerProtocol` does, so newer clients' bytes still decode.
 */

export const CONSUMER_PROTOCOL_TYPE = "consumer";
export const CONSUMER_PROTOCOL_VERSION = 3;

/** A topic and some of its partitions. */
export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface ConsumerSubscription {
  topics: string[];
  userData?: Buffer | null;
  /** Version 1+: what the member owns now (cooperative and sticky assignors use it). */
  ownedPartitions?: TopicPartitions[];
  /** Version 2+: the generation of `ownedPartitions`; -1 when unknown. */
  generationId?: number;
  /** Version 3+. */
  rackId?: string | null;
}

export interface ConsumerAssignment {
  partitions: TopicPartitions[];
  userData?: Buffer | null;
}

export function encodeSubscription(subscription: ConsumerSubscription, version = CONSUMER_PROTOCOL_VERSION): Buffer {
  const w = new ByteWriter().int16(version);
  w.array(subscription.topics, (topic) => w.string(topic));
  w.bytes(subscription.userData ?? null);
  if (version >= 1) w.array(subscription.ownedPartitions ?? [], (tp) => writeTopicPartitions(w, tp));
  if (version >= 2) w.int32(subscription.generationId ?? -1);
  if (version >= 3) w.string(subscription.rackId ?? null);
  return w.toBuffer();
}

export function decodeSubscription(buf: Buffer): ConsumerSubscription & { version: number } {
  const r = new ByteReader(buf, "ConsumerProtocolSubscription");
  const version = r.int16();
  const topics = r.array(() => r.string());
  const userData = r.nullableBytes();
  const ownedPartitions = version >= 1 ? r.array(() => readTopicPartitions(r)) : [];
  const generationId = version >= 2 ? r.int32() : -1;
  const rackId = version >= 3 ? r.nullableString() : null;
  return { version, topics, userData, ownedPartitions, generationId, rackId };
}

export function encodeAssignment(assignment: ConsumerAssignment, version = CONSUMER_PROTOCOL_VERSION): Buffer {
  const w = new ByteWriter().int16(version);
  w.array(assignment.partitions, (tp) => writeTopicPartitions(w, tp));
  w.bytes(assignment.userData ?? null);
  return w.toBuffer();
}

/** Decodes an assignment; empty bytes (what a member left out by the leader receives) mean no partitions. */
export function decodeAssignment(buf: Buffer): ConsumerAssignment & { version: number } {
  if (buf.length === 0) return { version: 0, partitions: [], userData: null };
  const r = new ByteReader(buf, "ConsumerProtocolAssignment");
  const version = r.int16();
  const partitions = r.array(() => readTopicPartitions(r));
  const userData = r.remaining > 0 ? r.nullableBytes() : null;
  return { version, partitions, userData };
}

function writeTopicPartitions(w: ByteWriter, tp: TopicPartitions): void {
  w.string(tp.topic);
  w.array(tp.partitions, (p) => w.int32(p));
}

function readTopicPartitions(r: ByteReader): TopicPartitions {
  return { topic: r.string(), partitions: r.array(() => r.int32()) };
}
