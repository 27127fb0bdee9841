import { InvalidRequestError } from "../errors.js";
import { ByteReader, ByteWriter } from "./bytes.js";

/**
 * The records of `__consumer_offsets`, with Kafka's own schemas (coordinator-records/*.json): every key and value
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
  return new ByteWriter().int16(OFFSET_COMMIT_KEY_VERSION).string(key.group).string(key.topic).int32(key.partition).toBuffer();
}

export function encodeGroupMetadataKey(group: string): Buffer {
  return new ByteWriter().int16(GROUP_METADATA_KEY_VERSION).string(group).toBuffer();
}

/** Decodes the key of a `__consumer_offsets` record. */
export function decodeOffsetsKey(buf: Buffer): OffsetsRecordKey {
  const reader = new ByteReader(buf, "__consumer_offsets key");
  const version = reader.int16();
  if (version === 0 || version === 1) {
    return { type: "offsetCommit", group: reader.string(), topic: reader.string(), partition: reader.int32() };
  }
  if (version === GROUP_METADATA_KEY_VERSION) return { type: "groupMetadata", group: reader.string() };
  return { type: "unknown", version };
}

/** OffsetCommitValue at `version` (0–4; Kafka writes 3, or 1 when an expire timestamp is set). */
export function encodeOffsetCommitValue(value: OffsetCommitValue, version = OFFSET_COMMIT_VALUE_VERSION): Buffer {
  checkVersion("OffsetCommitValue", version, 4);
  const w = new ByteWriter().int16(version).int64(value.offset);
  if (version >= 3) w.int32(value.leaderEpoch);
  if (version >= 4) w.compactString(value.metadata);
  else w.string(value.metadata);
  w.int64(value.commitTimestamp);
  if (version === 1) w.int64(value.expireTimestamp);
  if (version >= 4) w.emptyTaggedFields();
  return w.toBuffer();
}

export function decodeOffsetCommitValue(buf: Buffer): OffsetCommitValue {
  const r = new ByteReader(buf, "OffsetCommitValue");
  const version = r.int16();
  checkVersion("OffsetCommitValue", version, 4);
  const offset = r.int64();
  const leaderEpoch = version >= 3 ? r.int32() : -1;
  const metadata = version >= 4 ? r.compactString() : r.string();
  const commitTimestamp = r.int64();
  const expireTimestamp = version === 1 ? r.int64() : -1;
  if (version >= 4) r.skipTaggedFields();
  return { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp };
}

/** GroupMetadataValue at `version` (0–4; Kafka 2.3+ writes 3). */
export function encodeGroupMetadataValue(value: GroupMetadataValue, version = GROUP_METADATA_VALUE_VERSION): Buffer {
  checkVersion("GroupMetadataValue", version, 4);
  const flexible = version >= 4;
  const w = new ByteWriter().int16(version);
  const str = (s: string | null) => (flexible ? w.compactString(s) : w.string(s));
  str(value.protocolType);
  w.int32(value.generation);
  str(value.protocol);
  str(value.leader);
  if (version >= 2) w.int64(value.currentStateTimestamp);
  const writeMember = (m: GroupMemberRecord) => {
    str(m.memberId);
    if (version >= 3) str(m.groupInstanceId);
    str(m.clientId);
    str(m.clientHost);
    if (version >= 1) w.int32(m.rebalanceTimeout);
    w.int32(m.sessionTimeout);
    if (flexible) w.compactBytes(m.subscription).compactBytes(m.assignment).emptyTaggedFields();
    else w.bytes(m.subscription).bytes(m.assignment);
  };
  if (flexible) w.compactArray(value.members, writeMember).emptyTaggedFields();
  else w.array(value.members, writeMember);
  return w.toBuffer();
}

export function decodeGroupMetadataValue(buf: Buffer): GroupMetadataValue {
  const r = new ByteReader(buf, "GroupMetadataValue");
  const version = r.int16();
  checkVersion("GroupMetadataValue", version, 4);
  const flexible = version >= 4;
  const str = () => (flexible ? r.compactString() : r.string());
  const nullableStr = () => (flexible ? r.compactNullableString() : r.nullableString());
  const protocolType = str();
  const generation = r.int32();
  const protocol = nullableStr();
  const leader = nullableStr();
  const currentStateTimestamp = version >= 2 ? r.int64() : -1;
  const readMember = (): GroupMemberRecord => {
    const memberId = str();
    const groupInstanceId = version >= 3 ? nullableStr() : null;
    const clientId = str();
    const clientHost = str();
    const rebalanceTimeout = version >= 1 ? r.int32() : -1;
    const sessionTimeout = r.int32();
    const subscription = flexible ? r.compactBytes() : r.bytes();
    const assignment = flexible ? r.compactBytes() : r.bytes();
    if (flexible) r.skipTaggedFields();
    return { memberId, groupInstanceId, clientId, clientHost, rebalanceTimeout, sessionTimeout, subscription, assignment };
  };
  const members = flexible ? r.compactArray(readMember) : r.array(readMember);
  if (flexible) r.skipTaggedFields();
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members };
}

function checkVersion(schema: string, version: number, highest: number): void {
  if (!Number.isInteger(version) || version < 0 || version > highest) {
    throw new InvalidRequestError(`Unknown ${schema} version ${version}: versions 0 to ${highest} are known.`);
  }
}
