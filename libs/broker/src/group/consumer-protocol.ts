import {
  decodeConsumerProtocolAssignment,
  decodeConsumerProtocolSubscription,
  encodeConsumerProtocolAssignment,
  encodeConsumerProtocolSubscription,
} from "@skein/protocol";
import { InvalidRequestError } from "../errors.js";
import { decodeVersioned, encodeVersioned } from "./versioned-bytes.js";

/**
 * The embedded consumer protocol (protocol type "consumer"): the member metadata a consumer sends in JoinGroup
 * (ConsumerProtocolSubscription) and the assignment the leader hands out in SyncGroup (ConsumerProtocolAssignment),
 * with the codecs generated from Kafka's definitions. Readers accept any version and read the fields of the highest
 * one they know, as Kafka's `ConsumerProtocol` does, so newer clients' bytes still decode.
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

/** The version to read bytes of `version` at: the highest known for newer ones; negative versions do not exist. */
function readableVersion(schema: string, version: number): number {
  if (version < 0) throw new InvalidRequestError(`Malformed ${schema}: version ${version} does not exist.`);
  return Math.min(version, CONSUMER_PROTOCOL_VERSION);
}

export function encodeSubscription(subscription: ConsumerSubscription, version = CONSUMER_PROTOCOL_VERSION): Buffer {
  return encodeVersioned("ConsumerProtocolSubscription", version, (w) =>
    encodeConsumerProtocolSubscription(
      w,
      {
        topics: subscription.topics,
        userData: subscription.userData ?? null,
        ownedPartitions: subscription.ownedPartitions ?? [],
        generationId: subscription.generationId ?? -1,
        rackId: subscription.rackId ?? null,
      },
      version,
    ),
  );
}

export function decodeSubscription(buf: Buffer): ConsumerSubscription & { version: number } {
  return decodeVersioned("ConsumerProtocolSubscription", buf, (r, version) => {
    const s = decodeConsumerProtocolSubscription(r, readableVersion("ConsumerProtocolSubscription", version));
    const ownedPartitions = s.ownedPartitions.map((tp) => ({ topic: tp.topic, partitions: tp.partitions }));
    return { version, topics: s.topics, userData: copy(s.userData), ownedPartitions, generationId: s.generationId, rackId: s.rackId };
  });
}

export function encodeAssignment(assignment: ConsumerAssignment, version = CONSUMER_PROTOCOL_VERSION): Buffer {
  return encodeVersioned("ConsumerProtocolAssignment", version, (w) =>
    encodeConsumerProtocolAssignment(w, { assignedPartitions: assignment.partitions, userData: assignment.userData ?? null }, version),
  );
}

/** Decodes an assignment; empty bytes (what a member left out by the leader receives) mean no partitions. */
export function decodeAssignment(buf: Buffer): ConsumerAssignment & { version: number } {
  if (buf.length === 0) return { version: 0, partitions: [], userData: null };
  return decodeVersioned("ConsumerProtocolAssignment", buf, (r, version) => {
    const a = decodeConsumerProtocolAssignment(r, readableVersion("ConsumerProtocolAssignment", version));
    return { version, partitions: a.assignedPartitions.map((tp) => ({ topic: tp.topic, partitions: tp.partitions })), userData: copy(a.userData) };
  });
}

/** Decoded bytes are views into the buffer they came from: what the group keeps gets its own copy. */
function copy(bytes: Buffer | null): Buffer | null {
  return bytes === null ? null : Buffer.from(bytes);
}
