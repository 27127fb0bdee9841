import { ApiKey, decodeDescribeClusterRequest, encodeDescribeClusterResponse, type DescribeClusterRequest, type DescribeClusterResponseInput } from "@skein/protocol";
import { defineApi } from "../../api-handler.js";
import { ALL_CLUSTER_OPERATIONS, AUTHORIZED_OPERATIONS_OMITTED } from "../../authorized-operations.js";
import type { BrokerServices } from "../../broker-services.js";

const BROKERS_ENDPOINT = 1;

/** DescribeCluster: the cluster id, the controller and the live brokers (what `kafka-cluster`/Admin.describeCluster show). */
export function describeClusterApi(services: BrokerServices) {
  const { cluster } = services;
  return defineApi<DescribeClusterRequest, DescribeClusterResponseInput>({
    apiKey: ApiKey.DescribeCluster,
    minVersion: 0,
    maxVersion: 1,
    decode: decodeDescribeClusterRequest,
    encode: encodeDescribeClusterResponse,
    handle: (request) => ({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      endpointType: BROKERS_ENDPOINT,
      clusterId: cluster.clusterId,
      controllerId: cluster.controllerId(),
      brokers: cluster.liveBrokers().map((b) => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
      clusterAuthorizedOperations: request.includeClusterAuthorizedOperations ? ALL_CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_OMITTED,
    }),
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code, errorMessage: error.message, clusterId: cluster.clusterId, brokers: [] }),
  });
}
