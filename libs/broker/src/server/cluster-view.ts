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
  /**
   * The live brokers at their advertised addresses on `listenerName` (the listener the asking client connected to,
   * as Kafka answers Metadata); the first listener's when absent.
   */
  liveBrokers(listenerName?: string): BrokerEndpoint[];
  controllerId(): number;
}

/**
 * The cluster of a broker that runs alone: itself, at the advertised address of each of its listeners (keyed by
 * listener name; the first is the default), as the controller.
 */
export function singleNodeCluster(clusterId: string, nodeId: number, endpoints: ReadonlyMap<string, { host: string; port: number }>): ClusterView {
  const first = [...endpoints.values()][0];
  if (first === undefined) throw new Error("A broker needs at least one listener");
  return {
    clusterId,
    localBrokerId: nodeId,
    liveBrokers: (listenerName) => {
      const endpoint = (listenerName === undefined ? undefined : endpoints.get(listenerName)) ?? first;
      return [{ nodeId, host: endpoint.host, port: endpoint.port, rack: null }];
    },
    controllerId: () => nodeId,
  };
}
