import type { AutoOffsetReset } from "@skein/broker";
import { jsonDepthExceeds } from "../common/json-depth.js";
import { FrameError } from "../live/live-protocol.js";

/**
 * The `/ws` frames of group consumption (docs/rest-api.md, "WebSocket: consuming as a group member"), parsed and
 * validated without sockets or the engine. They sit beside the live-tail frames of live/live-protocol.ts.
 */

export const GROUP_FRAME_TYPES: ReadonlySet<string> = new Set(["group_subscribe", "group_unsubscribe", "commit"]);

export interface GroupSubscribeFrame {
  type: "group_subscribe";
  id: string;
  group: string;
  topics: string[];
  autoCommit: boolean;
  autoOffsetReset: AutoOffsetReset;
  encoding: "base64" | "string";
}

export interface GroupUnsubscribeFrame {
  type: "group_unsubscribe";
  id: string;
}

/** Commits the given offsets (each the last record processed: stored + 1), or without any, everything delivered. */
export interface CommitFrame {
  type: "commit";
  id: string;
  offsets: { topic: string; partition: number; offset: number }[] | undefined;
}

export type GroupFrame = GroupSubscribeFrame | GroupUnsubscribeFrame | CommitFrame;


/**
 * The frame's type when it is a group-consumption frame; undefined otherwise (and for text that is not JSON or is
 * nested too deeply: the live-tail session answers those).
 */
export function groupFrameType(text: string): string | undefined {
  // Every frame of the socket passes here: most (produce, subscribe) are ruled out without parsing them.
  if (!text.includes('"group_') && !text.includes('"commit"')) return undefined;
  if (jsonDepthExceeds(text)) return undefined;
  try {
    const type = (JSON.parse(text) as { type?: unknown } | null)?.type;
    return typeof type === "string" && GROUP_FRAME_TYPES.has(type) ? type : undefined;
  } catch {
    return undefined;
  }
}

export function parseGroupFrame(text: string): GroupFrame {
  const frame = JSON.parse(text) as Record<string, unknown>;
  const id = typeof frame.id === "string" && frame.id.length > 0 && frame.id.length <= 256 ? frame.id : undefined;
  const fail = (message: string): never => {
    throw new FrameError(400, message, id);
  };
  if (id === undefined) fail("The frame needs an id: a string of 1 to 256 characters.");
  switch (frame.type) {
    case "group_unsubscribe":
      return { type: "group_unsubscribe", id: id! };
    case "commit": {
      if (frame.offsets === undefined || frame.offsets === null) return { type: "commit", id: id!, offsets: undefined };
      if (!Array.isArray(frame.offsets)) fail("offsets must be a list of {topic, partition, offset}.");
      const offsets = (frame.offsets as unknown[]).map((o) => {
        const entry = o as Record<string, unknown>;
        if (typeof entry?.topic !== "string" || !Number.isInteger(entry.partition) || !Number.isSafeInteger(entry.offset) || (entry.offset as number) < 0) {
          fail("Each offset needs topic, partition and offset (the last record processed).");
        }
        return { topic: entry.topic as string, partition: entry.partition as number, offset: entry.offset as number };
      });
      return { type: "commit", id: id!, offsets };
    }
    default: {
      if (typeof frame.group !== "string" || frame.group.length === 0) fail("group must be a consumer group id.");
      if (!Array.isArray(frame.topics) || frame.topics.length === 0 || !frame.topics.every((t) => typeof t === "string" && t.length > 0)) {
        fail("topics must be a non-empty list of topic names.");
      }
      const autoCommit = frame.auto_commit ?? true;
      if (typeof autoCommit !== "boolean") fail("auto_commit must be true or false.");
      const reset = frame.auto_offset_reset ?? "latest";
      if (reset !== "latest" && reset !== "earliest" && reset !== "none") fail("auto_offset_reset must be latest, earliest or none.");
      const encoding = frame.encoding ?? "base64";
      if (encoding !== "base64" && encoding !== "string") fail('encoding must be "base64" or "string".');
      return {
        type: "group_subscribe",
        id: id!,
        group: frame.group as string,
        topics: frame.topics as string[],
        autoCommit: autoCommit as boolean,
        autoOffsetReset: reset as AutoOffsetReset,
        encoding: encoding as "base64" | "string",
      };
    }
  }
}
