import { Injectable } from "@nestjs/common";
import { Broker, type ConfigChange, type ConfigEntry, type TopicDescription } from "@skein/broker";
import { RestError, httpError } from "../errors/rest-error.js";
import { ClusterService } from "./cluster.service.js";

/**
 * Broker configs (`/brokers/{id}/configs`) and the dynamic cluster-wide broker configs (`/broker-configs`, Kafka's
 * `--entity-default`), over the engine's `describeBrokerConfigs` / `alterBrokerConfigs`; also which broker ids exist
 * and what replicas a broker hosts.
 *
 * The engine keeps dynamic broker configs at the cluster-wide level only, so a write to one broker's config lands
 * there (with one broker the effect is the same; the source reads DYNAMIC_DEFAULT_BROKER_CONFIG).
 */
@Injectable()
export class BrokerConfigsService {
  constructor(
    private readonly broker: Broker,
    private readonly cluster: ClusterService,
  ) {}

  /** Throws the REST Proxy's 404s for an unknown cluster or broker. */
  requireBroker(clusterId: string, brokerId: number): void {
    this.cluster.requireCluster(clusterId);
    if (brokerId !== this.broker.brokerId) throw new RestError(404, 404, `Broker ${brokerId} cannot be found.`);
  }

  /** The ids of the live brokers. */
  brokerIds(): number[] {
    return [this.broker.brokerId];
  }

  brokerConfigs(clusterId: string, brokerId: number): ConfigEntry[] {
    this.requireBroker(clusterId, brokerId);
    return this.broker.describeBrokerConfigs();
  }

  brokerConfig(clusterId: string, brokerId: number, name: string): ConfigEntry {
    const entry = this.brokerConfigs(clusterId, brokerId).find((candidate) => candidate.name === name);
    if (!entry) throw configNotFound(name, `BROKER ${brokerId}`, clusterId);
    return entry;
  }

  /** Sets or removes broker configs after checking that each exists, as the REST Proxy does. */
  async alterBrokerConfigs(clusterId: string, brokerId: number, changes: ConfigChange[], validateOnly = false): Promise<void> {
    const known = new Set(this.brokerConfigs(clusterId, brokerId).map((entry) => entry.name));
    const unknown = changes.find((change) => !known.has(change.name));
    if (unknown) throw configNotFound(unknown.name, `BROKER ${brokerId}`, clusterId);
    await this.broker.alterBrokerConfigs(changes, { validateOnly });
  }

  /** The dynamic cluster-wide broker configs, each described from its cluster-wide value down. */
  clusterConfigs(clusterId: string): ConfigEntry[] {
    this.cluster.requireCluster(clusterId);
    return this.broker.describeBrokerConfigs().flatMap((entry) => {
      const at = entry.synonyms.findIndex((synonym) => synonym.source === "DYNAMIC_DEFAULT_BROKER_CONFIG");
      if (at === -1) return [];
      const synonyms = entry.synonyms.slice(at);
      return [{ ...entry, value: synonyms[0]!.value, source: synonyms[0]!.source, isDefault: false, synonyms }];
    });
  }

  /** One dynamic cluster-wide config; a plain 404 when it is not set, as the REST Proxy answers. */
  clusterConfig(clusterId: string, name: string): ConfigEntry {
    const entry = this.clusterConfigs(clusterId).find((candidate) => candidate.name === name);
    if (!entry) throw httpError(404);
    return entry;
  }

  /** Sets cluster-wide configs; like the REST Proxy, any name may be set (Kafka keeps custom configs). */
  async alterClusterConfigs(clusterId: string, changes: ConfigChange[], validateOnly = false): Promise<void> {
    this.cluster.requireCluster(clusterId);
    await this.broker.alterBrokerConfigs(changes, { validateOnly });
  }

  /** Removes a cluster-wide config, which must be set. */
  async resetClusterConfig(clusterId: string, name: string): Promise<void> {
    if (!this.clusterConfigs(clusterId).some((entry) => entry.name === name)) throw configNotFound(name, "BROKER", clusterId);
    await this.broker.alterBrokerConfigs([{ name, value: null }]);
  }

  /** The topics (internal ones too) with a replica on the broker. */
  topicsWithReplicasOn(clusterId: string, brokerId: number): TopicDescription[] {
    this.requireBroker(clusterId, brokerId);
    return this.broker.listTopics({ includeInternal: true }).filter((topic) => topic.partitions.some((partition) => partition.replicas.includes(brokerId)));
  }
}

function configNotFound(name: string, resource: string, clusterId: string): RestError {
  return new RestError(404, 404, `Config ${name} cannot be found for ${resource} in cluster ${clusterId}.`);
}
