import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ClusterMetadata, MetadataStore, TopicMetadata } from "./metadata-store.js";
import { writeFileAtomically } from "../storage/atomic-file.js";

/**
 * The engine's own metadata store: one JSON file, replaced atomically (write, fsync, rename) on every change; the
 * state in memory changes only once the file did, so a failed write (no space) changes nothing.
 * Used when the engine runs without the service's database (tests, the demo, embedding).
 */
export class FileMetadataStore implements MetadataStore {
  private state: ClusterMetadata = { clusterId: null, topics: [], brokerConfigs: {} };

  constructor(readonly path: string) {}

  async load(): Promise<ClusterMetadata> {
    if (existsSync(this.path)) {
      const parsed = JSON.parse(readFileSync(this.path, "utf8")) as Partial<ClusterMetadata>;
      this.state = { clusterId: parsed.clusterId ?? null, topics: parsed.topics ?? [], brokerConfigs: parsed.brokerConfigs ?? {} };
    }
    return structuredClone(this.state);
  }

  async saveClusterId(clusterId: string): Promise<void> {
    this.write({ ...this.state, clusterId });
  }

  async saveTopic(topic: TopicMetadata): Promise<void> {
    this.write({ ...this.state, topics: [...this.state.topics.filter((t) => t.name !== topic.name), structuredClone(topic)] });
  }

  async deleteTopic(name: string): Promise<void> {
    this.write({ ...this.state, topics: this.state.topics.filter((t) => t.name !== name) });
  }

  async saveBrokerConfigs(configs: Record<string, string>): Promise<void> {
    this.write({ ...this.state, brokerConfigs: { ...configs } });
  }

  async close(): Promise<void> {}

  private write(next: ClusterMetadata): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileAtomically(this.path, JSON.stringify(next, null, 2));
    this.state = next;
  }
}
