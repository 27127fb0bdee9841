import { inMetadataDatabase } from "../errors/metadata-database-errors.js";
import type { DatabaseTarget } from "../metadata/database-target.js";
import { createMetadataClient, type MetadataClient } from "../metadata/prisma-client.js";
import type { LagSample } from "./lag-history.service.js";

/**
 * Consumer groups' lag samples in the metadata database (table `lag_samples`), so the lag history survives a restart
 * and nodes sharing the database see the same history. Uses a client of its own over the engine's database.
 */
export class LagSampleStore {
  private constructor(private readonly prisma: MetadataClient) {}

  static open(target: DatabaseTarget): LagSampleStore {
    return new LagSampleStore(createMetadataClient(target));
  }

  /** Stores one round of samples (one per group). */
  async append(samples: readonly { groupId: string; sample: LagSample }[]): Promise<void> {
    if (samples.length === 0) return;
    const data = samples.map(({ groupId, sample }) => ({ groupId, sampledAt: new Date(sample.timestamp), totalLag: BigInt(sample.totalLag), topics: JSON.stringify(sample.topics) }));
    await inMetadataDatabase("store lag samples", () => this.prisma.lagSample.createMany({ data }));
  }

  /** Every sample taken at or after `since` (epoch ms), by group, oldest first. */
  async since(since: number): Promise<Map<string, LagSample[]>> {
    const rows = await inMetadataDatabase("read lag samples", () => this.prisma.lagSample.findMany({ where: { sampledAt: { gte: new Date(since) } }, orderBy: [{ sampledAt: "asc" }, { id: "asc" }] }));
    const byGroup = new Map<string, LagSample[]>();
    for (const row of rows) {
      const samples = byGroup.get(row.groupId) ?? [];
      samples.push({ timestamp: row.sampledAt.getTime(), totalLag: Number(row.totalLag), topics: JSON.parse(row.topics) as Record<string, number> });
      byGroup.set(row.groupId, samples);
    }
    return byGroup;
  }

  /** Deletes the samples taken before `cutoff` (epoch ms), and every sample of the groups named. */
  async prune(cutoff: number, deletedGroups: readonly string[] = []): Promise<void> {
    await inMetadataDatabase("prune lag samples", () =>
      this.prisma.lagSample.deleteMany({ where: { OR: [{ sampledAt: { lt: new Date(cutoff) } }, ...(deletedGroups.length > 0 ? [{ groupId: { in: [...deletedGroups] } }] : [])] } }),
    );
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
  }
}
