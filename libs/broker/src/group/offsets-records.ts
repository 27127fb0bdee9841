import {
  decodeGroupMetadataKey as readGroupMetadataKey,
  decodeGroupMetadataValue as readGroupMetadataValue,
  decodeOffsetCommitKey as readOffsetCommitKey,
  decodeOffsetCommitValue as readOffsetCommitValue,
  encodeGroupMetadataKey as writeGroupMetadataKey,
  encodeGroupMetadataValue as writeGroupMetadataValue,
  encodeOffsetCommitKey as writeOffsetCommitKey,
  encodeOffsetCommitValue as writeOffsetCommitValue,
} from "@skein/protocol";
import { InvalidRequestError } from "../errors.js";
import { decodeVersioned, encodeVersioned } from "./versioned-bytes.js";

/**
 * The records of `__consumer_offsets`, with Kafka's own schemas (coordinator-records/*.json, generated into
 * @skein/protocol): every key and value
 * starts with an int16 schema version. Key versions 0 and 1 are OffsetCommitKey, version 2 is GroupMetadataKey;
 * a null value (tombstone) deletes the key. Values are written at the versions Kafka 3.x writes and read at all of
 * theirs, flexible ones (tagged fields) included.
 */

export const OFFSET_COMMIT_KEY_VERSION = 1;
export const GROUP_METADATA_KEY_VERSION = 2;
export const OFFSET_COMMIT_VALUE_VERSION = 3;
export const GROUP_METADATA_VALUE_VERSION = 3;

export interface OffsetCommitKey {
  group: string;
  topic: string;
  partition: number;
}

export interface OffsetCommitValue {
  offset: number;
  /** -1 when unknown (and in versions below 3). */
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
  /** Only version 1 carries it; -1 otherwise. */
  expireTimestamp: number;
}

export interface GroupMemberRecord {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** -1 in version 0. */
  rebalanceTimeout: number;
  sessionTimeout: number;
  subscription: Buffer;
  assignment: Buffer;
}

export interface GroupMetadataValue {
  protocolType: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  /** -1 when unknown (versions below 2). */
  currentStateTimestamp: number;
  members: GroupMemberRecord[];
}

/** A decoded key: which record it is, or a version this coordinator does not know (newer record types). */
export type OffsetsRecordKey =
  | ({ type: "offsetCommit" } & OffsetCommitKey)
  | { type: "groupMetadata"; group: string }
  | { type: "unknown"; version: number };

export function encodeOffsetCommitKey(key: OffsetCommitKey): Buffer {
  return encodeVersioned("OffsetCommitKey", OFFSET_COMMIT_KEY_VERSION, (w) => writeOffsetCommitKey(w, key, OFFSET_COMMIT_KEY_VERSION));
}

export function encodeGroupMetadataKey(group: string): Buffer {
  return encodeVersioned("GroupMetadataKey", GROUP_METADATA_KEY_VERSION, (w) => writeGroupMetadataKey(w, { group }, GROUP_METADATA_KEY_VERSION));
}

/** Decodes the key of a `__consumer_offsets` record. */
export function decodeOffsetsKey(buf: Buffer): OffsetsRecordKey {
  return decodeVersioned("__consumer_offsets key", buf, (r, version): OffsetsRecordKey => {
    if (version === 0 || version === 1) {
      const key = readOffsetCommitKey(r, version);
      return { type: "offsetCommit", group: key.group, topic: key.topic, partition: key.partition };
    }
    if (version === GROUP_METADATA_KEY_VERSION) return { type: "groupMetadata", group: readGroupMetadataKey(r, version).group };
    return { type: "unknown", version };
  });
}

/** OffsetCommitValue at `version` (0–4; Kafka writes 3, or 1 when an expire timestamp is set). */
export function encodeOffsetCommitValue(value: OffsetCommitValue, version = OFFSET_COMMIT_VALUE_VERSION): Buffer {
  checkVersion("OffsetCommitValue", version, 4);
  return encodeVersioned("OffsetCommitValue", version, (w) => writeOffsetCommitValue(w, value, version));
}

export function decodeOffsetCommitValue(buf: Buffer): OffsetCommitValue {
  return decodeVersioned("OffsetCommitValue", buf, (r, version) => {
    checkVersion("OffsetCommitValue", version, 4);
    const v = readOffsetCommitValue(r, version);
    return { offset: v.offset, leaderEpoch: v.leaderEpoch, metadata: v.metadata, commitTimestamp: v.commitTimestamp, expireTimestamp: v.expireTimestamp };
  });
}

/** GroupMetadataValue at `version` (0–4; Kafka 2.3+ writes 3). */
export function encodeGroupMetadataValue(value: GroupMetadataValue, version = GROUP_METADATA_VALUE_VERSION): Buffer {
  checkVersion("GroupMetadataValue", version, 4);
  return encodeVersioned("GroupMetadataValue", version, (w) => writeGroupMetadataValue(w, value, version));
}

export function decodeGroupMetadataValue(buf: Buffer): GroupMetadataValue {
  return decodeVersioned("GroupMetadataValue", buf, (r, version) => {
    checkVersion("GroupMetadataValue", version, 4);
    const v = readGroupMetadataValue(r, version);
    // Decoded bytes are views into the record: the group's state keeps copies of its own.
    const members = v.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      rebalanceTimeout: m.rebalanceTimeout,
      sessionTimeout: m.sessionTimeout,
      subscription: Buffer.from(m.subscription),
      assignment: Buffer.from(m.assignment),
    }));
    return { protocolType: v.protocolType, generation: v.generation, protocol: v.protocol, leader: v.leader, currentStateTimestamp: v.currentStateTimestamp, members };
  });
}

function checkVersion(schema: string, version: number, highest: number): void {
  if (!Number.isInteger(version) || version < 0 || version > highest) {
    throw new InvalidRequestError(`Unknown ${schema} version ${version}: versions 0 to ${highest} are known.`);
  }
}
