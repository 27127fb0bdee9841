import { Injectable } from "@nestjs/common";
import { Broker, KafkaError, LogDirFullError, type Acks, type ProduceRecord, type ProduceResult } from "@skein/broker";
import { LOG_DIR_FULL } from "../errors/kafka-error-mapping.js";
import { decodeStrictBase64 } from "../common/strict-base64.js";
import { RestError } from "../errors/rest-error.js";
import { ProduceBatcher } from "../records/produce-batcher.js";
import { describeJson } from "../records/produce-request.js";
import { partitionCountOf, requireWritableTopic } from "../records/writable-topic.js";
import type { V2EmbeddedFormat } from "./v2-media-types.js";

/** One record's outcome in a v2 produce response: offsets on success, an error code and message otherwise. */
export interface V2PartitionOffset {
  partition: number | null;
  offset: number | null;
  error_code: number | null;
  error: string | null;
}

/**
 * The v2 produce response; the schema ids stay null (no schema registry), as the REST Proxy writes them. When a
 * record was refused because the disk is full, the answer is 507 and also carries the error in the REST error shape.
 */
export interface V2ProduceResponse {
  offsets: V2PartitionOffset[];
  key_schema_id: null;
  value_schema_id: null;
  error_code?: number;
  message?: string;
}

/** REST Proxy v2 codes for records the producer could not store. */
const KAFKA_ERROR = 50002;
const KAFKA_RETRIABLE_ERROR = 50003;

/**
 * v2 produce (`POST /topics/{t}` and `/topics/{t}/partitions/{p}`): a whole request is refused when its body is
 * unusable (no records: 422; a key or value that is not base64 in the binary format: 400); otherwise each record
 * is stored or gets its own error in `offsets`, as the REST Proxy's producer reports them.
 */
@Injectable()
export class V2ProduceService {
  constructor(
    private readonly broker: Broker,
    private readonly batcher: ProduceBatcher,
  ) {}

  async produce(topicName: string, format: V2EmbeddedFormat, body: unknown, acks: Acks, partition?: number): Promise<V2ProduceResponse> {
    const records = recordsOf(body, format, partition);
    requireWritableTopic(this.broker, topicName);
    const count = partitionCountOf(this.broker, topicName);
    // The partition in the path is a resource: one the topic lacks is 404/40402, as the REST Proxy documents it.
    if (partition !== undefined && count !== undefined && partition >= count) throw new RestError(404, 40402, "Partition not found.");
    const offsets = new Array<V2PartitionOffset>(records.length);
    const valid: { index: number; record: ProduceRecord }[] = [];
    records.forEach((record, index) => {
      if (count !== undefined && record.partition !== undefined && record.partition >= count) {
        // A record's own partition fails that record alone, as the REST Proxy's producer reports it: retriable
        // (partitions may be added), with the Java producer's message.
        offsets[index] = failure(KAFKA_RETRIABLE_ERROR, `Partition ${record.partition} of topic ${topicName} with partition count ${count} is not present in metadata.`);
      } else {
        valid.push({ index, record });
      }
    });
    const results = await this.store(topicName, valid.map(({ record }) => record), acks);
    let diskFull: LogDirFullError | undefined;
    valid.forEach(({ index }, i) => {
      const result = results[i]!;
      if (result instanceof KafkaError) {
        if (result instanceof LogDirFullError) diskFull = result;
        offsets[index] = failure(errorCodeOf(result), result.message);
      } else {
        offsets[index] = success(result);
      }
    });
    const response: V2ProduceResponse = { offsets, key_schema_id: null, value_schema_id: null };
    return diskFull ? { ...response, error_code: LOG_DIR_FULL, message: diskFull.message } : response;
  }

  /** One engine call for all; one per record when the engine refuses the call, so each record gets its outcome. */
  private async store(topicName: string, records: ProduceRecord[], acks: Acks): Promise<(ProduceResult | KafkaError)[]> {
    if (records.length === 0) return [];
    try {
      return await this.batcher.produce(topicName, records, acks);
    } catch (error) {
      if (!(error instanceof KafkaError)) throw error;
      if (records.length === 1) return [error];
    }
    const outcomes: (ProduceResult | KafkaError)[] = [];
    for (const record of records) {
      try {
        outcomes.push((await this.batcher.produce(topicName, [record], acks))[0]!);
      } catch (error) {
        if (!(error instanceof KafkaError)) throw error;
        outcomes.push(error);
      }
    }
    return outcomes;
  }
}

function recordsOf(body: unknown, format: V2EmbeddedFormat, pathPartition: number | undefined): ProduceRecord[] {
  const records = typeof body === "object" && body !== null ? (body as { records?: unknown }).records : undefined;
  if (!Array.isArray(records) || records.length === 0) throw new RestError(422, 422, "records must not be empty");
  return records.map((raw: unknown, index) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new RestError(400, 400, `records[${index}] must be a JSON object.`);
    const { key, value, partition } = raw as { key?: unknown; value?: unknown; partition?: unknown };
    const record: ProduceRecord = { key: serialize(key, format), value: serialize(value, format) };
    const chosen = partition ?? pathPartition;
    if (chosen !== undefined && chosen !== null) {
      if (typeof chosen !== "number" || !Number.isInteger(chosen) || chosen < 0 || chosen > 2147483647) {
        throw new RestError(422, 422, `records[${index}].partition must be a non-negative integer, not ${describeJson(chosen)}.`);
      }
      record.partition = chosen;
    }
    return record;
  });
}

function serialize(data: unknown, format: V2EmbeddedFormat): Buffer | null {
  if (data === undefined || data === null) return null;
  if (format === "json") return Buffer.from(JSON.stringify(data), "utf8");
  if (typeof data !== "string") throw new RestError(400, 400, `Bad Request: data=${describeJson(data)} is not a base64 string.`);
  const bytes = decodeStrictBase64(data);
  if (bytes === null) throw new RestError(400, 400, `Bad Request: data=${describeJson(data)} is not a valid base64 string.`);
  return bytes;
}

/** The REST Proxy's per-record codes (50002, 50003), and Skein's 50701 for a record refused because the disk is full. */
function errorCodeOf(error: KafkaError): number {
  if (error instanceof LogDirFullError) return LOG_DIR_FULL;
  return error.retriable ? KAFKA_RETRIABLE_ERROR : KAFKA_ERROR;
}

function success(result: ProduceResult): V2PartitionOffset {
  return { partition: result.partition, offset: result.offset, error_code: null, error: null };
}

function failure(errorCode: number, message: string): V2PartitionOffset {
  return { partition: null, offset: null, error_code: errorCode, error: message };
}
