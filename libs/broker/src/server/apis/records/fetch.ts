import { ApiKey, decodeFetchRequest, encodeFetchResponse, type FetchRequest, type FetchResponseFetchableTopicResponseInput, type FetchResponseInput, type FetchResponsePartitionDataInput } from "@skein/protocol";
import type { AppendNotifier } from "../../../append-notifier.js";
import { FetchSessionIdNotFoundError, OffsetOutOfRangeError, TopicAuthorizationFailedError, UnknownTopicIdError, type KafkaError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { checkLeaderEpoch } from "./leader-epoch.js";

const EMPTY = Buffer.alloc(0);
const READ_COMMITTED = 1;
/** "No session": Skein answers every fetch in full and creates no incremental fetch session (KIP-227 allows it). */
const NO_SESSION = 0;

interface RequestedTopic {
  name: string;
  topicId: string;
  partitions: FetchRequest["topics"][number]["partitions"];
  /** Set when a v13+ request names a topic id Skein does not know, or the principal may not READ the topic. */
  unknownId: KafkaError | null;
}

interface FetchRound {
  responses: FetchResponseFetchableTopicResponseInput[];
  bytes: number;
  failed: boolean;
}

/**
 * Fetch with Kafka's long poll: answers once `min_bytes` of records are available, on any error, or after
 * `max_wait_ms`. Each partition returns whole stored batches (the first may start before the fetch offset) within
 * its `partition_max_bytes` and the response's `max_bytes`, except that the first partition with data always
 * returns at least one batch (KIP-74). With `read_committed` (v4+), each partition stops at its last stable offset and
 * lists the aborted transactions of what it returns. From v13 topics are named by id (KIP-516). Fetch sessions are not
 * kept: every response is full with session id 0.
 */
export function fetchApi(services: BrokerServices & { appends: AppendNotifier }) {
  const { broker, clock } = services;

  const failure = (partitionIndex: number, error: KafkaError): FetchResponsePartitionDataInput => ({
    partitionIndex,
    errorCode: error.code,
    highWatermark: -1,
    lastStableOffset: -1,
    logStartOffset: -1,
    abortedTransactions: null,
    preferredReadReplica: -1,
    records: EMPTY,
  });

  /** The requested topics by name; from v13 they come as topic ids, unknown ones answered with UNKNOWN_TOPIC_ID. */
  function resolveTopics(request: FetchRequest, version: number): RequestedTopic[] {
    return request.topics.map((t) => {
      if (version < 13) return { name: t.topic, topicId: t.topicId, partitions: t.partitions, unknownId: null };
      const found = broker.findTopicById(t.topicId);
      return found
        ? { name: found.name, topicId: t.topicId, partitions: t.partitions, unknownId: null }
        : { name: "", topicId: t.topicId, partitions: t.partitions, unknownId: new UnknownTopicIdError(`Topic id ${t.topicId} does not exist.`) };
    });
  }

  function readAll(request: FetchRequest, topics: RequestedTopic[], version: number): FetchRound {
    const readCommitted = version >= 4 && request.isolationLevel === READ_COMMITTED;
    // A follower broker fetches with its id (in replica_state from v15); consumers send -1.
    const replicaId = version >= 15 ? request.replicaState.replicaId : request.replicaId;
    let budget = version >= 3 ? request.maxBytes : Number.MAX_SAFE_INTEGER;
    let minOneBatch = true;
    let bytes = 0;
    let failed = false;
    const responses = topics.map((topic) => ({
      topic: topic.name,
      topicId: topic.topicId,
      partitions: topic.partitions.map((p): FetchResponsePartitionDataInput => {
        try {
          if (topic.unknownId) throw topic.unknownId;
          const currentLeaderEpoch = version >= 9 ? p.currentLeaderEpoch : -1;
          checkLeaderEpoch(broker, topic.name, p.partition, currentLeaderEpoch);
          const limit = Math.min(p.partitionMaxBytes, budget);
          let records: Buffer = EMPTY;
          let offsets = broker.partitionOffsets(topic.name, p.partition);
          let abortedTransactions: { producerId: number; firstOffset: number }[] | null = readCommitted ? [] : null;
          if (minOneBatch || limit > 0) {
            const read = broker.readRecordBatches(topic.name, p.partition, p.fetchOffset, Math.max(limit, 0), readCommitted ? "read_committed" : "read_uncommitted", {
              replicaId,
              currentLeaderEpoch,
            });
            abortedTransactions = read.abortedTransactions ?? null;
            offsets = { ...offsets, highWatermark: read.highWatermark, lastStableOffset: read.lastStableOffset, logStartOffset: read.logStartOffset };
            if (read.data.length > 0 && (minOneBatch || read.data.length <= limit)) records = read.data;
          } else if (p.fetchOffset < offsets.logStartOffset || p.fetchOffset > offsets.logEndOffset) {
            throw new OffsetOutOfRangeError(
              `Fetch position ${p.fetchOffset} is out of range for partition ${topic.name}-${p.partition}: the log holds offsets ${offsets.logStartOffset} to ${offsets.logEndOffset}.`,
            );
          }
          if (records.length > 0) {
            minOneBatch = false;
            budget -= records.length;
            bytes += records.length;
          }
          return {
            partitionIndex: p.partition,
            errorCode: 0,
            highWatermark: offsets.highWatermark,
            lastStableOffset: offsets.lastStableOffset,
            logStartOffset: offsets.logStartOffset,
            abortedTransactions,
            preferredReadReplica: -1,
            records,
          };
        } catch (error) {
          failed = true;
          return failure(p.partition, toKafkaError(error));
        }
      }),
    }));
    return { responses, bytes, failed };
  }

  return defineApi<FetchRequest, FetchResponseInput>({
    apiKey: ApiKey.Fetch,
    minVersion: 4,
    maxVersion: 17,
    decode: decodeFetchRequest,
    encode: encodeFetchResponse,
    async handle(request, context) {
      const version = context.apiVersion;
      if (version >= 7 && request.sessionId !== NO_SESSION) {
        return { throttleTimeMs: 0, errorCode: new FetchSessionIdNotFoundError(`Fetch session ${request.sessionId} does not exist: Skein keeps no fetch sessions.`).code, sessionId: NO_SESSION, responses: [] };
      }
      const deadline = clock.now() + Math.max(0, request.maxWaitMs);
      const topics = resolveTopics(request, version).map((t) =>
        t.unknownId === null && !services.auth.authorize(context, "READ", "TOPIC", t.name) ? { ...t, unknownId: new TopicAuthorizationFailedError() } : t,
      );
      const names = topics.map((t) => t.name);
      for (;;) {
        // Register interest before reading, so an append between the read and the wait still wakes us.
        const waiting = services.appends.waitForAppend(names, deadline);
        const round = readAll(request, topics, version);
        if (round.failed || round.bytes >= request.minBytes || clock.now() >= deadline) {
          waiting.wake();
          // A consumer over its consumer_byte_rate gets nothing this time, only how long to wait (Kafka's throttled response).
          const throttleTimeMs = context.recordFetchBytes(round.bytes);
          if (throttleTimeMs > 0) return { throttleTimeMs, errorCode: 0, sessionId: NO_SESSION, responses: [] };
          return { throttleTimeMs: 0, errorCode: 0, sessionId: NO_SESSION, responses: round.responses };
        }
        await waiting.promise;
      }
    },
    errorResponse: (request, error) => ({
      throttleTimeMs: 0,
      errorCode: error.code,
      sessionId: NO_SESSION,
      responses: request.topics.map((t) => ({ topic: t.topic, topicId: t.topicId, partitions: t.partitions.map((p) => failure(p.partition, error)) })),
    }),
  });
}
