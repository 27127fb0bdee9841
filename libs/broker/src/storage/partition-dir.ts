import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomically } from "./atomic-file.js";

/** A partition directory found in the data directory. */
export interface PartitionDir {
  topic: string;
  partition: number;
  name: string;
}

/**
 * A partition directory renamed for deletion, `<topic>-<partition>.<topicId>-delete` as Kafka marks them, or one
 * being created, `<topic>-<partition>.<topicId>-creating` (Skein's staging name: it becomes the partition's directory
 * only once the metadata store has recorded the topic).
 */
export interface DeletedPartitionDir extends PartitionDir {
  topicId: string;
}

const PARTITION_METADATA = "partition.metadata";

/** Parses `<topic>-<partition>`; topic names may themselves contain `-`, so the partition is after the last one. */
export function parsePartitionDir(name: string): PartitionDir | undefined {
  const match = /^(.+)-(\d+)$/.exec(name);
  if (!match) return undefined;
  return { topic: match[1]!, partition: Number(match[2]), name };
}

export function parseDeletedPartitionDir(name: string): DeletedPartitionDir | undefined {
  const match = /^(.+)-(\d+)\.([A-Za-z0-9_-]+)-delete$/.exec(name);
  if (!match) return undefined;
  return { topic: match[1]!, partition: Number(match[2]), topicId: match[3]!, name };
}

export function deletedPartitionDirName(topic: string, partition: number, topicId: string): string {
  return `${topic}-${partition}.${topicId}-delete`;
}

export function parseStagedPartitionDir(name: string): DeletedPartitionDir | undefined {
  const match = /^(.+)-(\d+)\.([A-Za-z0-9_-]+)-creating$/.exec(name);
  if (!match) return undefined;
  return { topic: match[1]!, partition: Number(match[2]), topicId: match[3]!, name };
}

export function stagedPartitionDirName(topic: string, partition: number, topicId: string): string {
  return `${topic}-${partition}.${topicId}-creating`;
}

/** Reads the topic id Kafka keeps in `partition.metadata`, or undefined when the file is missing or unreadable. */
export function readPartitionTopicId(dir: string): string | undefined {
  const path = join(dir, PARTITION_METADATA);
  if (!existsSync(path)) return undefined;
  const match = /^topic_id: (\S+)$/m.exec(readFileSync(path, "utf8"));
  return match?.[1];
}

/**
 * Writes `partition.metadata` (temp file, fsync unless `durable` is false, rename: a crash leaves the old file or the
 * new one, never half). A staged partition needs no fsync: start-up rewrites whatever a crash lost of it.
 */
export function writePartitionTopicId(dir: string, topicId: string, durable = true): void {
  const path = join(dir, PARTITION_METADATA);
  writeFileAtomically(path, `version: 0\ntopic_id: ${topicId}\n`, { sync: durable });
}
