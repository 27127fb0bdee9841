import { Injectable } from "@nestjs/common";
import { Broker, type ConfigChange, type ConfigEntry } from "@skein/broker";
import { ClusterService } from "../cluster/cluster.service.js";
import { RestError } from "../errors/rest-error.js";

/** Topic configs: every config of a topic with where its value comes from, and changes to the overrides. */
@Injectable()
export class TopicConfigsService {
  constructor(
    private readonly broker: Broker,
    private readonly cluster: ClusterService,
  ) {}

  list(clusterId: string, topicName: string): ConfigEntry[] {
    this.cluster.requireCluster(clusterId);
    return this.broker.describeTopicConfigs(topicName);
  }

  /** The configs of every (non-internal) topic, by topic. */
  listAll(clusterId: string): { topicName: string; configs: ConfigEntry[] }[] {
    this.cluster.requireCluster(clusterId);
    return this.broker.listTopics().map((topic) => ({ topicName: topic.name, configs: this.broker.describeTopicConfigs(topic.name) }));
  }

  get(clusterId: string, topicName: string, name: string): ConfigEntry {
    const entry = this.list(clusterId, topicName).find((candidate) => candidate.name === name);
    if (!entry) throw configNotFound(name, topicName, clusterId);
    return entry;
  }

  /** Sets or removes overrides, all or nothing, after checking that each config exists (as the REST Proxy does). */
  async alter(clusterId: string, topicName: string, changes: ConfigChange[], validateOnly = false): Promise<void> {
    const known = new Set(this.list(clusterId, topicName).map((entry) => entry.name));
    const unknown = changes.find((change) => !known.has(change.name));
    if (unknown) throw configNotFound(unknown.name, topicName, clusterId);
    await this.broker.alterTopicConfigs(topicName, changes, { validateOnly });
  }
}

function configNotFound(name: string, topicName: string, clusterId: string): RestError {
  return new RestError(404, 404, `Config ${name} cannot be found for TOPIC ${topicName} in cluster ${clusterId}.`);
}
