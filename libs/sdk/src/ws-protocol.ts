/**
 * The `/ws` protocol's frames (docs/rest-api.md): one JSON object per WebSocket text frame. The REST API's types
 * are generated from the OpenAPI document (`schema.ts`); these are written from the protocol's documentation, as
 * OpenAPI does not describe WebSocket frames.
 */

/** How keys, values and header values travel: base64 (the default) or UTF-8 text. */
export type WsEncoding = "base64" | "string";

/** Where a subscription starts in each partition. */
export type WsStartPosition = "latest" | "earliest" | { offset: number } | { timestamp: number };

/** Tails partitions of a topic (all of them, including ones added later, without `partitions`). */
export interface WsSubscribe {
  type: "subscribe";
  id: string;
  topic: string;
  partitions?: number[];
  from?: WsStartPosition;
  filter?: { key_equals?: string; value_contains?: string };
  encoding?: WsEncoding;
  /** read_committed (the default): up to the last stable offset, aborted transactions left out; read_uncommitted: up to the high watermark. */
  isolation_level?: "read_committed" | "read_uncommitted";
}

export interface WsUnsubscribe {
  type: "unsubscribe";
  id: string;
}

/** Produces one record; answered with `ack` once `acks` is satisfied, or `error`. */
export interface WsProduce {
  type: "produce";
  id: string;
  topic: string;
  partition?: number;
  key?: string | null;
  value?: string | null;
  headers?: Record<string, string | null>;
  timestamp?: number;
  encoding?: WsEncoding;
  acks?: "all" | -1 | 0 | 1;
}

export interface WsPing {
  type: "ping";
}

/** Joins a consumer group as a member; records of the partitions assigned stream in. */
export interface WsGroupSubscribe {
  type: "group_subscribe";
  id: string;
  group: string;
  topics: string[];
  auto_offset_reset?: "latest" | "earliest" | "none";
  auto_commit?: boolean;
  encoding?: WsEncoding;
}

/** Commits the offsets consumed (or those given). */
export interface WsCommit {
  type: "commit";
  id: string;
  offsets?: WsTopicPartitionOffset[];
}

export interface WsGroupUnsubscribe {
  type: "group_unsubscribe";
  id: string;
}

/** Every frame a client sends. */
export type WsClientFrame = WsSubscribe | WsUnsubscribe | WsProduce | WsPing | WsGroupSubscribe | WsCommit | WsGroupUnsubscribe;

export interface WsTopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** A record as `records` frames carry it; `topic` is present on group subscriptions. */
export interface WsRecord {
  topic?: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  value: string | null;
  headers: Record<string, string | null>;
  encoding: WsEncoding;
}

export interface WsSubscribed {
  type: "subscribed";
  id: string;
  partitions: { partition: number; offset: number }[];
}

export interface WsRecords {
  type: "records";
  id: string;
  records: WsRecord[];
}

/** A produce's delivery: `offset` is -1 with `acks: 0`. */
export interface WsAck {
  type: "ack";
  id: string;
  partition: number;
  offset: number;
  timestamp: number;
}

/** A refused frame or a failed subscription, with a REST error code. */
export interface WsError {
  type: "error";
  id?: string;
  error_code: number;
  message: string;
}

export interface WsPong {
  type: "pong";
}

export interface WsAssigned {
  type: "assigned";
  id: string;
  group: string;
  generation_id: number;
  partitions: { topic: string; partition: number }[];
}

export interface WsCommitted {
  type: "committed";
  id: string;
  offsets: WsTopicPartitionOffset[];
}

export interface WsGroupUnsubscribed {
  type: "group_unsubscribed";
  id: string;
}

/** Every frame the server sends. */
export type WsServerFrame = WsSubscribed | WsRecords | WsAck | WsError | WsPong | WsAssigned | WsCommitted | WsGroupUnsubscribed;
