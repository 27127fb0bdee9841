import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { ClusterMetadata, MetadataStore, TopicMetadata } from "./metadata-store.js";

/**
 * The engine's own metadata store: one JSON file, replaced atomically (write, fsync, rename) on every change.
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
    this.state.clusterId = clusterId;
    this.write();
  }

  async saveTopic(topic: TopicMetadata): Promise<void> {
    this.state.topics = [...this.state.topics.filter((t) => t.name !== topic.name), structuredClone(topic)];
    this.write();
  }

  async deleteTopic(name: string): Promise<void> {
    this.state.topics = this.state.topics.filter((t) => t.name !== name);
    this.write();
  }

  async saveBrokerConfigs(configs: Record<string, string>): Promise<void> {
    this.state.brokerConfigs = { ...configs };
    this.write();
  }

  async close(): Promise<void> {}

  private write(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, JSON.stringify(this.state, null, 2));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}
