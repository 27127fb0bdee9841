import { Injectable } from "@nestjs/common";
import { Broker } from "@skein/broker";
import { RestError } from "../errors/rest-error.js";
import { PrismaMetadataStore } from "../metadata/prisma-metadata-store.js";
import { BrokerRegistration } from "./broker-registration.js";

/** A live broker and where it listens (host and port are null until it has registered its listener). */
export interface BrokerInfo {
  brokerId: number;
  host: string | null;
  port: number | null;
  rack: string | null;
}

/**
 * The cluster this service is: one embedded broker, which is also the controller; or, with SKEIN_ETCD_ENDPOINTS, a
 * member of a cluster whose brokers and controller come from the cluster's metadata (etcd).
 */
@Injectable()
export class ClusterService {
  constructor(
    private readonly broker: Broker,
    private readonly metadata: PrismaMetadataStore,
    private readonly registration: BrokerRegistration,
  ) {}

  get clusterId(): string {
    return this.broker.clusterId;
  }

  get controllerId(): number {
    return this.broker.clusterView?.controllerId() ?? this.broker.brokerId;
  }

  /** Throws the REST Proxy's 404 for a cluster id that is not this cluster's. */
  requireCluster(clusterId: string): void {
    if (clusterId !== this.clusterId) throw new RestError(404, 404, `Cluster ${clusterId} cannot be found.`);
  }

  /** The live brokers: this process's broker, with the listener it registered (or is still registering); in a cluster, every registered broker. */
  async brokers(): Promise<BrokerInfo[]> {
    const cluster = this.broker.clusterView;
    if (cluster) return cluster.liveBrokers().map((b) => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: b.rack }));
    const brokerId = this.broker.brokerId;
    const registered = (await this.metadata.listBrokers()).find((broker) => broker.brokerId === brokerId);
    const listener = this.registration.state.listener;
    return [{ brokerId, host: registered?.host ?? listener?.host ?? null, port: registered?.port ?? listener?.port ?? null, rack: registered?.rack ?? null }];
  }
}
