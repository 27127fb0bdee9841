import { Injectable } from "@nestjs/common";
import { Broker, InvalidTopicError, validateTopicName, type TopicDeletion, type TopicDescription } from "@skein/broker";
import { ClusterService } from "../cluster/cluster.service.js";
import { payloadError } from "../common/v3-body.js";

export interface CreateTopic {
  name: string;
  partitions?: number;
  replicationFactor?: number;
  configs: { name: string; value?: string | null }[];
  validateOnly: boolean;
}

/** Topics of the cluster, over the engine's topic admin calls. */
@Injectable()
export class TopicsService {
  constructor(
    private readonly broker: Broker,
    private readonly cluster: ClusterService,
  ) {}

  /** The cluster's topics, internal ones left out (as Kafka's listTopics does) unless asked for. */
  list(clusterId: string, includeInternal = false): TopicDescription[] {
    this.cluster.requireCluster(clusterId);
    return this.broker.listTopics({ includeInternal });
  }

  describe(clusterId: string, name: string): TopicDescription {
    this.cluster.requireCluster(clusterId);
    return this.broker.describeTopic(name);
  }

  /**
   * Creates a topic (or only validates it). An invalid name is the REST Proxy's 422 "Invalid topic name."; the
   * engine refuses bad counts and configs with Kafka's errors. Returns the topic and its partition count.
   */
  async create(clusterId: string, request: CreateTopic): Promise<{ topic: TopicDescription; partitionsCount: number }> {
    this.cluster.requireCluster(clusterId);
    try {
      validateTopicName(request.name);
    } catch (error) {
      if (error instanceof InvalidTopicError) throw payloadError(`Invalid topic name. ${error.message}`);
      throw error;
    }
    const configs: Record<string, string> = {};
    for (const { name, value } of request.configs) if (value !== null && value !== undefined) configs[name] = value;
    const topic = await this.broker.createTopic({
      name: request.name,
      partitions: request.partitions,
      replicationFactor: request.replicationFactor,
      configs,
      validateOnly: request.validateOnly,
    });
    const partitionsCount = request.validateOnly ? (request.partitions ?? this.broker.config("num.partitions")) : topic.partitions.length;
    return { topic, partitionsCount: partitionsCount as number };
  }

  /** Raises the partition count; an equal or lower count is Kafka's INVALID_PARTITIONS (40002). */
  async increasePartitions(clusterId: string, name: string, partitionsCount: number): Promise<TopicDescription> {
    this.cluster.requireCluster(clusterId);
    return this.broker.createPartitions(name, partitionsCount);
  }

  /** Deletes the topic and frees its logs; `metadataPending` says when the metadata database has not recorded it yet. */
  async delete(clusterId: string, name: string): Promise<TopicDeletion> {
    this.cluster.requireCluster(clusterId);
    return this.broker.deleteTopic(name);
  }
}
