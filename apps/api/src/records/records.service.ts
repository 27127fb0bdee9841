import type { Readable } from "node:stream";
import { Injectable } from "@nestjs/common";
import { Broker, KafkaError, type Acks, type ProduceResult } from "@skein/broker";
import { ClusterService } from "../cluster/cluster.service.js";
import { LOG_DIR_FULL, restErrorForKafka } from "../errors/kafka-error-mapping.js";
import { RestError } from "../errors/rest-error.js";
import { deliveryReport, deliveryReportWriter, errorReport, type DeliveryReport } from "./delivery-report.js";
import { ProduceBatcher } from "./produce-batcher.js";
import { parseProduceRequest, type ParsedProduceRequest } from "./produce-request.js";
import { produceRecordStream, produceWholeBody, type RecordStreamOptions } from "./record-stream.js";
import { requireWritableTopic } from "./writable-topic.js";

/** Confluent's `api.v3.produce.batch.maximum.entries` defaults to 10; Skein takes more in one batch. */
export const MAX_BATCH_ENTRIES = 1000;

export interface BatchSuccess extends Omit<DeliveryReport, "error_code"> {
  id: string;
}

export interface BatchFailure {
  id: string;
  error_code: number;
  message: string;
}

/** v3 produce: streamed records and `records:batch`, stored through the engine (batched per turn, with the request's acks). */
@Injectable()
export class RecordsService {
  constructor(
    private readonly broker: Broker,
    private readonly cluster: ClusterService,
    private readonly batcher: ProduceBatcher,
  ) {}

  /** Checks, before any record is read, that the cluster is this one and the topic can be written (see `requireWritableTopic`). */
  requireWritableTopic(clusterId: string, topicName: string): void {
    this.cluster.requireCluster(clusterId);
    requireWritableTopic(this.broker, topicName);
  }

  /** Delivery reports for the concatenated records of a body arriving in chunks, as they are stored (see `produceRecordStream`). */
  async *produceStream(clusterId: string, topicName: string, body: Readable, maxRecordBytes: number, acks: Acks): AsyncGenerator<string> {
    try {
      yield* produceRecordStream(body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>, this.streamOptions(clusterId, topicName, maxRecordBytes, acks));
    } finally {
      // Stopping early must not destroy the request: that would take the socket, and the reports, with it.
      if (!body.readableEnded) body.resume();
    }
  }

  /**
   * Every delivery report of a body already read whole (a small request with a Content-Length), as one string, with
   * the status to answer: 507 when a record was refused because the disk is full (the reports say which were
   * stored), so that a client of a single record sees the failure in the status too; 200 otherwise.
   */
  async produceWhole(clusterId: string, topicName: string, body: Buffer, maxRecordBytes: number, acks: Acks): Promise<{ status: number; reports: string }> {
    let status = 200;
    const options = this.streamOptions(clusterId, topicName, maxRecordBytes, acks, (error) => {
      if (error.errorCode === LOG_DIR_FULL) status = 507;
    });
    let reports = "";
    for await (const chunk of produceWholeBody(body, options)) reports += chunk;
    return { status, reports };
  }

  private streamOptions(clusterId: string, topicName: string, maxRecordBytes: number, acks: Acks, onRefused?: (error: RestError) => void): RecordStreamOptions {
    return {
      maxRecordBytes,
      produce: async (requests) => {
        const outcomes = await this.produce(topicName, requests, acks);
        if (onRefused) for (const outcome of outcomes) if (outcome instanceof RestError) onRefused(outcome);
        return outcomes;
      },
      report: deliveryReportWriter(clusterId, topicName),
    };
  }

  /** `records:batch`: every entry is validated and stored on its own merit; the caller answers 207. */
  async produceBatch(clusterId: string, topicName: string, body: unknown, acks: Acks): Promise<{ successes: BatchSuccess[]; failures: BatchFailure[] }> {
    const entries = batchEntries(body);
    this.requireWritableTopic(clusterId, topicName);
    const parsed: { id: string; request: ParsedProduceRequest | RestError }[] = entries.map((entry) => {
      const id = (entry as { id: string }).id;
      try {
        return { id, request: parseProduceRequest(entry, { batchEntry: true }) };
      } catch (error) {
        if (error instanceof RestError) return { id, request: error };
        throw error;
      }
    });
    const valid = parsed.flatMap(({ request }) => (request instanceof RestError ? [] : [request]));
    const results = valid.length > 0 ? await this.produce(topicName, valid, acks) : [];
    const successes: BatchSuccess[] = [];
    const failures: BatchFailure[] = [];
    let next = 0;
    for (const { id, request } of parsed) {
      const outcome = request instanceof RestError ? request : results[next++]!;
      if (outcome instanceof RestError) {
        failures.push({ id, ...errorReport(outcome) });
      } else {
        const { error_code: _, ...report } = deliveryReport(clusterId, topicName, request as ParsedProduceRequest, outcome);
        successes.push({ id, ...report });
      }
    }
    return { successes, failures };
  }

  /**
   * Stores the records in order with one engine call; when the engine refuses the call (it validates every record
   * before writing any), stores them one by one so that each record gets its own outcome.
   */
  private async produce(topicName: string, requests: ParsedProduceRequest[], acks: Acks): Promise<(ProduceResult | RestError)[]> {
    try {
      return await this.batcher.produce(topicName, requests.map((request) => request.record), acks);
    } catch (error) {
      if (!(error instanceof KafkaError)) throw error;
      if (requests.length === 1) return [restErrorForKafka(error)];
    }
    const outcomes: (ProduceResult | RestError)[] = [];
    for (const request of requests) {
      try {
        outcomes.push((await this.batcher.produce(topicName, [request.record], acks))[0]!);
      } catch (error) {
        if (!(error instanceof KafkaError)) throw error;
        outcomes.push(restErrorForKafka(error));
      }
    }
    return outcomes;
  }
}

/** The entries of a `records:batch` body, with the REST Proxy's 42208 checks on their ids and number. */
function batchEntries(body: unknown): Record<string, unknown>[] {
  if (body === undefined || body === null || body === "") throw batchError("Request body is empty. Data is required.");
  if (typeof body !== "object" || Array.isArray(body)) throw new RestError(400, 400, "The request body must be a JSON object with an entries array.");
  const entries = (body as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new RestError(422, 42206, "Payload error. entries is required.");
  if (entries.length === 0) throw batchError("Empty batch.");
  if (entries.length > MAX_BATCH_ENTRIES) throw batchError("Too many entries in batch.");
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = typeof entry === "object" && entry !== null ? (entry as { id?: unknown }).id : undefined;
    if (typeof id !== "string" || id.length < 1 || id.length > 80) throw batchError("Batch entry identifier is not a valid string.");
    if (ids.has(id)) throw batchError("Batch entry IDs are not distinct.");
    ids.add(id);
  }
  return entries as Record<string, unknown>[];
}

function batchError(message: string): RestError {
  return new RestError(422, 42208, message);
}
