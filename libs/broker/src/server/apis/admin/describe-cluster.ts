import { ApiKey, decodeDescribeClusterRequest, encodeDescribeClusterResponse, type DescribeClusterRequest, type DescribeClusterResponseInput } from "@skein/protocol";
import { defineApi } from "../../api-handler.js";
import { CLUSTER_RESOURCE_NAME } from "../../../security/acl.js";
import { AUTHORIZED_OPERATIONS_OMITTED } from "../../authorized-operations.js";
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
    handle: (request, context) => ({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      endpointType: BROKERS_ENDPOINT,
      clusterId: cluster.clusterId,
      controllerId: cluster.controllerId(),
      brokers: cluster.liveBrokers(context.connection.listenerName).map((b) => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
      // Kafka reports the operations only to a principal that may DESCRIBE the cluster (0 otherwise).
      clusterAuthorizedOperations: !request.includeClusterAuthorizedOperations
        ? AUTHORIZED_OPERATIONS_OMITTED
        : services.auth.authorizeCluster(context, "DESCRIBE")
          ? services.auth.authorizedOperations(context, "CLUSTER", CLUSTER_RESOURCE_NAME)
          : 0,
    }),
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code, errorMessage: error.message, clusterId: cluster.clusterId, brokers: [] }),
  });
}
