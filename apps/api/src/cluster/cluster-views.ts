import type { ResourceLinks } from "../common/resource-links.js";
import type { BrokerDataDto } from "./broker.dto.js";
import type { BrokerInfo } from "./cluster.service.js";
import type { ClusterDataDto } from "./cluster.dto.js";

/** The `KafkaCluster` resource, with its relationships. */
export function clusterData(links: ResourceLinks, clusterId: string, controllerId: number): ClusterDataDto {
  const base = ["v3", "clusters", clusterId] as const;
  return {
    kind: "KafkaCluster",
    metadata: { self: links.url(...base), resource_name: links.crn("kafka", clusterId) },
    cluster_id: clusterId,
    controller: links.related(...base, "brokers", controllerId),
    acls: links.related(...base, "acls"),
    brokers: links.related(...base, "brokers"),
    broker_configs: links.related(...base, "broker-configs"),
    consumer_groups: links.related(...base, "consumer-groups"),
    topics: links.related(...base, "topics"),
    partition_reassignments: links.related(...base, "topics", "-", "partitions", "-", "reassignment"),
  };
}

/** The `KafkaBroker` resource, with its relationships. */
export function brokerData(links: ResourceLinks, clusterId: string, broker: BrokerInfo): BrokerDataDto {
  const self = ["v3", "clusters", clusterId, "brokers", broker.brokerId] as const;
  return {
    kind: "KafkaBroker",
    metadata: { self: links.url(...self), resource_name: links.crn("kafka", clusterId, "broker", broker.brokerId) },
    cluster_id: clusterId,
    broker_id: broker.brokerId,
    host: broker.host,
    port: broker.port,
    rack: broker.rack,
    configs: links.related(...self, "configs"),
    partition_replicas: links.related(...self, "partition-replicas"),
  };
}
