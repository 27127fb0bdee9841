/** A broker as clients reach it: its id and the advertised address of the listener they use. */
export interface BrokerEndpoint {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

/**
 * What the request handlers need to know about the cluster beyond this broker's own engine: the live brokers
 * (advertised addresses) and which one is the controller. A single node knows only itself.
 */
export interface ClusterView {
  readonly clusterId: string;
  readonly localBrokerId: number;
  liveBrokers(): BrokerEndpoint[];
  controllerId(): number;
}

/** The cluster of a broker that runs alone: itself, at its advertised listener, as the controller. */
export function singleNodeCluster(clusterId: string, self: BrokerEndpoint): ClusterView {
  return {
    clusterId,
    localBrokerId: self.nodeId,
    liveBrokers: () => [self],
    controllerId: () => self.nodeId,
  };
}
