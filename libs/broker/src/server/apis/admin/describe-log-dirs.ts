import { ApiKey, decodeDescribeLogDirsRequest, encodeDescribeLogDirsResponse, type DescribeLogDirsRequest, type DescribeLogDirsResponseInput } from "@skein/protocol";
import { ClusterAuthorizationFailedError, KafkaStorageError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";

/**
 * DescribeLogDirs (`kafka-log-dirs --describe`): the one data directory with each requested partition's size
 * (all of them for a null list), and from v4 the filesystem's total and usable bytes. A data directory that failed
 * answers KAFKA_STORAGE_ERROR.
 */
export function describeLogDirsApi(services: BrokerServices) {
  const { broker } = services;
  return defineApi<DescribeLogDirsRequest, DescribeLogDirsResponseInput>({
    apiKey: ApiKey.DescribeLogDirs,
    minVersion: 0,
    maxVersion: 4,
    decode: decodeDescribeLogDirsRequest,
    encode: encodeDescribeLogDirsResponse,
    handle(request, context) {
      if (!services.auth.authorizeCluster(context, "DESCRIBE")) return { throttleTimeMs: 0, errorCode: new ClusterAuthorizationFailedError().code, results: [] };
      const status = broker.logDirStatus();
      const wanted = request.topics === null ? null : new Map(request.topics.map((t) => [t.topic, new Set(t.partitions)]));
      const topics = broker
        .listTopics({ includeInternal: true })
        .filter((t) => wanted === null || wanted.has(t.name))
        .map((t) => ({
          name: t.name,
          partitions: t.partitions
            .filter((p) => wanted === null || wanted.get(t.name)!.has(p.partition))
            .map((p) => ({ partitionIndex: p.partition, partitionSize: p.sizeBytes, offsetLag: 0, isFutureKey: false })),
        }))
        .filter((t) => t.partitions.length > 0);
      return {
        throttleTimeMs: 0,
        errorCode: 0,
        results: [
          {
            errorCode: status.state === "failed" ? new KafkaStorageError().code : 0,
            logDir: status.path,
            topics,
            totalBytes: status.totalBytes,
            usableBytes: status.usableBytes,
          },
        ],
      };
    },
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code, results: [] }),
  });
}
