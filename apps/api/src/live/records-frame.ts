import { recordHeaders, type RecordView } from "@skein/broker";
import { JsonWriter, jsonBytes } from "../common/json-writer.js";
import type { RecordSink } from "../consumers/record-sink.js";
import type { Encoding } from "./live-protocol.js";

/**
 * A `records` frame written record by record from the batches the engine read: the same JSON as
 * `JSON.stringify({ type: "records", id, records: [TailRecord, ...] })`, without an object per record. A group
 * member's frame (`withTopic`) starts each record with its topic.
 */
export class RecordsFrame implements RecordSink<Buffer> {
  private readonly writer: JsonWriter;
  private records = 0;

  constructor(
    id: string,
    private readonly encoding: Encoding,
    expectedBytes: number,
    private readonly withTopic = false,
  ) {
    this.writer = new JsonWriter(expectedBytes + 256);
    this.writer.raw('{"type":"records","id":').string(id).raw(',"records":[');
  }

  /** How many records the frame holds. */
  get count(): number {
    return this.records;
  }

  /** Appends one record of `topic`'s `partition`. */
  add(topic: string, partition: number, record: RecordView): void {
    const w = this.writer;
    w.bytes(this.records === 0 ? OPEN : NEXT);
    if (this.withTopic) w.bytes(TOPIC).string(topic).bytes(COMMA);
    w.bytes(PARTITION).integer(partition).bytes(OFFSET).integer(record.offset).bytes(TIMESTAMP).integer(record.timestamp).bytes(KEY);
    this.payload(record.data, record.keyStart, record.keyEnd);
    w.bytes(VALUE);
    this.payload(record.data, record.valueStart, record.valueEnd);
    if (record.headerCount === 0) {
      w.bytes(this.encoding === "string" ? NO_HEADERS_STRING : NO_HEADERS_BASE64);
    } else {
      const headers: Record<string, string | null> = {};
      for (const header of recordHeaders(record)) headers[header.key] = header.value === null ? null : this.encode(header.value);
      w.bytes(HEADERS).value(headers).bytes(this.encoding === "string" ? ENCODING_STRING : ENCODING_BASE64);
    }
    this.records++;
  }

  /** The whole frame, as UTF-8 JSON text. */
  finish(): Buffer {
    return this.writer.raw("]}").toBuffer();
  }

  private payload(data: Buffer, start: number, end: number): void {
    if (start < 0) this.writer.bytes(NULL);
    else if (this.encoding === "string") this.writer.utf8String(data, start, end);
    else this.writer.base64String(data, start, end);
  }

  private encode(bytes: Buffer): string {
    return this.encoding === "string" ? bytes.toString("utf8") : bytes.toString("base64");
  }
}

const OPEN = jsonBytes("{");
const NEXT = jsonBytes(",{");
const COMMA = jsonBytes(",");
const TOPIC = jsonBytes('"topic":');
const PARTITION = jsonBytes('"partition":');
const OFFSET = jsonBytes(',"offset":');
const TIMESTAMP = jsonBytes(',"timestamp":');
const KEY = jsonBytes(',"key":');
const VALUE = jsonBytes(',"value":');
const HEADERS = jsonBytes(',"headers":');
const NULL = jsonBytes("null");
const ENCODING_BASE64 = jsonBytes(',"encoding":"base64"}');
const ENCODING_STRING = jsonBytes(',"encoding":"string"}');
const NO_HEADERS_BASE64 = jsonBytes(',"headers":{},"encoding":"base64"}');
const NO_HEADERS_STRING = jsonBytes(',"headers":{},"encoding":"string"}');
