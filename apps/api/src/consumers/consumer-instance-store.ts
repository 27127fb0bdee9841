import type { AutoOffsetReset } from "@skein/broker";
import { asMetadataDatabaseError, inMetadataDatabase } from "../errors/metadata-database-errors.js";
import type { DatabaseTarget } from "../metadata/database-target.js";
import { createMetadataClient, type MetadataClient } from "../metadata/prisma-client.js";
import type { EmbeddedFormat } from "./embedded-format.js";

/** What survives of a consumer instance: its definition and what it consumes. Its positions are committed offsets. */
export interface ConsumerInstanceDefinition {
  groupId: string;
  name: string;
  format: EmbeddedFormat;
  autoOffsetReset: AutoOffsetReset;
  autoCommitEnable: boolean;
  topics: string[] | null;
  topicPattern: string | null;
  assignments: { topic: string; partition: number }[] | null;
  memberId: string | null;
  createdAt: number;
  lastUsedAt: number;
}

/**
 * Consumer instances in the metadata database (table `consumer_instances`), so that any node sharing the database
 * can serve an instance and a restart does not lose it. Uses a client of its own over the engine's database.
 */
export class ConsumerInstanceStore {
  private constructor(private readonly prisma: MetadataClient) {}

  static open(target: DatabaseTarget): ConsumerInstanceStore {
    return new ConsumerInstanceStore(createMetadataClient(target));
  }

  /** Inserts a new instance; false when one with this group and name exists. */
  async create(definition: ConsumerInstanceDefinition): Promise<boolean> {
    try {
      await this.prisma.consumerInstance.create({ data: toRow(definition) });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") return false;
      throw asMetadataDatabaseError(`create consumer instance ${definition.name} of group ${definition.groupId}`, error);
    }
  }

  async find(groupId: string, name: string): Promise<ConsumerInstanceDefinition | null> {
    const row = await inMetadataDatabase(`read consumer instance ${name} of group ${groupId}`, () => this.prisma.consumerInstance.findUnique({ where: { groupId_name: { groupId, name } } }));
    return row ? fromRow(row) : null;
  }

  /** Saves what changed (subscription, assignments, member id, last use); ignores an instance deleted meanwhile. */
  async update(groupId: string, name: string, changes: Partial<Pick<ConsumerInstanceDefinition, "topics" | "topicPattern" | "assignments" | "memberId" | "lastUsedAt">>): Promise<void> {
    const data: Record<string, unknown> = {};
    if ("topics" in changes) data.topics = changes.topics === null ? null : JSON.stringify(changes.topics);
    if ("topicPattern" in changes) data.topicPattern = changes.topicPattern;
    if ("assignments" in changes) data.assignments = changes.assignments === null ? null : JSON.stringify(changes.assignments);
    if ("memberId" in changes) data.memberId = changes.memberId;
    if (changes.lastUsedAt !== undefined) data.lastUsedAt = new Date(changes.lastUsedAt);
    await inMetadataDatabase(`update consumer instance ${name} of group ${groupId}`, () => this.prisma.consumerInstance.updateMany({ where: { groupId, name }, data }));
  }

  async delete(groupId: string, name: string): Promise<void> {
    await inMetadataDatabase(`delete consumer instance ${name} of group ${groupId}`, () => this.prisma.consumerInstance.deleteMany({ where: { groupId, name } }));
  }

  /** The instances last used before `cutoff` (epoch ms). */
  async idleSince(cutoff: number): Promise<{ groupId: string; name: string }[]> {
    return inMetadataDatabase("list idle consumer instances", () => this.prisma.consumerInstance.findMany({ where: { lastUsedAt: { lt: new Date(cutoff) } }, select: { groupId: true, name: true } }));
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

type Row = Awaited<ReturnType<MetadataClient["consumerInstance"]["findFirstOrThrow"]>>;

function toRow(d: ConsumerInstanceDefinition) {
  return {
    groupId: d.groupId,
    name: d.name,
    format: d.format,
    autoOffsetReset: d.autoOffsetReset,
    autoCommitEnable: d.autoCommitEnable,
    topics: d.topics === null ? null : JSON.stringify(d.topics),
    topicPattern: d.topicPattern,
    assignments: d.assignments === null ? null : JSON.stringify(d.assignments),
    memberId: d.memberId,
    createdAt: new Date(d.createdAt),
    lastUsedAt: new Date(d.lastUsedAt),
  };
}

function fromRow(row: Row): ConsumerInstanceDefinition {
  return {
    groupId: row.groupId,
    name: row.name,
    format: row.format as EmbeddedFormat,
    autoOffsetReset: row.autoOffsetReset as AutoOffsetReset,
    autoCommitEnable: row.autoCommitEnable,
    topics: row.topics === null ? null : (JSON.parse(row.topics) as string[]),
    topicPattern: row.topicPattern,
    assignments: row.assignments === null ? null : (JSON.parse(row.assignments) as { topic: string; partition: number }[]),
    memberId: row.memberId,
    createdAt: row.createdAt.getTime(),
    lastUsedAt: row.lastUsedAt.getTime(),
  };
}
