import type { ProduceResult } from "@skein/broker";
import { payloadError } from "../common/v3-body.js";
import { RestError } from "../errors/rest-error.js";
import { errorReport } from "./delivery-report.js";
import { MAX_JSON_DEPTH, tooDeepError } from "../common/json-depth.js";
import { JsonStreamSplitter, TOO_DEEP, type SplitValue } from "./json-stream-splitter.js";
import { parseProduceRequest, type ParsedProduceRequest } from "./produce-request.js";
import { parseProduceRequestBytes } from "./produce-request-bytes.js";

export interface RecordStreamOptions {
  /** The largest single record (JSON text) accepted; a larger one ends the stream with 413. */
  maxRecordBytes: number;
  /** Stores records in order: one result or error per request. */
  produce(requests: ParsedProduceRequest[]): Promise<(ProduceResult | RestError)[]>;
  /** The success report of a stored record, as JSON text. */
  report(request: ParsedProduceRequest, result: ProduceResult): string;
}

const LINE_END = "\r\n";

/**
 * The REST Proxy's streaming produce: reads concatenated JSON produce requests from `body` and yields their delivery
 * reports, one JSON object and `\r\n` per record, in order, as soon as the records of each arriving chunk are
 * stored, so a client can wait for one report before it sends the next record. A record that is not valid is
 * reported with its error and the stream goes on (a record nested deeper than MAX_JSON_DEPTH too); malformed JSON
 * or an oversized record ends it (the REST Proxy cannot resynchronise either). A body without any record is
 * reported as 42206.
 */
export async function* produceRecordStream(body: AsyncIterable<Buffer | string> | Iterable<Buffer>, options: RecordStreamOptions): AsyncGenerator<string> {
  const splitter = new JsonStreamSplitter(options.maxRecordBytes, MAX_JSON_DEPTH);
  let records = 0;
  for await (const chunk of body) {
    const texts = splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    records += texts.length;
    if (texts.length > 0) {
      const { reports, ended } = await produceTexts(texts, options);
      yield reports;
      if (ended) return;
    }
    if (splitter.tooLarge) {
      yield line(errorReport(new RestError(413, 413, "The request included a message larger than the maximum message size the server can accept.")));
      return;
    }
  }
  const rest = splitter.end();
  if (rest.length > 0) {
    records += rest.length;
    yield (await produceTexts(rest, options)).reports;
  }
  if (records === 0) yield line(errorReport(payloadError("Request body is empty. Data is required.")));
}

/**
 * A body read whole (a request with a Content-Length): when every record in it has the common shape that
 * `parseProduceRequestBytes` reads, they are read from the bytes in one pass and stored with one call; otherwise
 * the body goes through `produceRecordStream`, which gives every other request its exact meaning or error. Yields
 * the same reports either way.
 */
export async function* produceWholeBody(body: Buffer, options: RecordStreamOptions): AsyncGenerator<string> {
  const requests = readCommonRequests(body, options.maxRecordBytes);
  if (requests === null) {
    yield* produceRecordStream([body], options);
    return;
  }
  yield (await produceParsed(requests, undefined, options)).reports;
}

/**
 * Every record of the body in the common shape, or null when one is not (or there is none, the body is malformed,
 * or a record is larger than `maxRecordBytes`, which the general path refuses with 413).
 */
function readCommonRequests(body: Buffer, maxRecordBytes: number): ParsedProduceRequest[] | null {
  const requests: ParsedProduceRequest[] = [];
  let pos = skipSpace(body, 0);
  while (pos < body.length) {
    const read = parseProduceRequestBytes(body, pos, body.length);
    if (read === null || read.end - pos > maxRecordBytes) return null;
    requests.push(read.request);
    pos = skipSpace(body, read.end);
  }
  return requests.length > 0 ? requests : null;
}

function skipSpace(body: Buffer, pos: number): number {
  while (pos < body.length) {
    const c = body[pos]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    pos++;
  }
  return pos;
}

/** Parses, stores and reports the records of one chunk; a JSON syntax error reports the records before it, then ends. */
async function produceTexts(texts: SplitValue[], options: RecordStreamOptions): Promise<{ reports: string; ended: boolean }> {
  const parsed: (ParsedProduceRequest | RestError)[] = [];
  let fatal: RestError | undefined;
  for (const text of texts) {
    if (text === TOO_DEEP) {
      parsed.push(tooDeepError("The record"));
      continue;
    }
    const common = parseProduceRequestBytes(text, 0, text.length);
    if (common !== null && common.end === text.length) {
      parsed.push(common.request);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text.toString("utf8"));
    } catch (error) {
      fatal = new RestError(400, 400, `Error processing message: ${(error as Error).message}`);
      break;
    }
    try {
      parsed.push(parseProduceRequest(json));
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      parsed.push(error);
    }
  }
  return produceParsed(parsed, fatal, options);
}

/** Stores the valid requests and writes every report in order, the fatal error's last. */
async function produceParsed(parsed: (ParsedProduceRequest | RestError)[], fatal: RestError | undefined, options: RecordStreamOptions): Promise<{ reports: string; ended: boolean }> {
  const valid = parsed.filter((item): item is ParsedProduceRequest => !(item instanceof RestError));
  const results = valid.length > 0 ? await options.produce(valid) : [];
  let out = "";
  let next = 0;
  for (const item of parsed) {
    if (item instanceof RestError) {
      out += line(errorReport(item));
      continue;
    }
    const result = results[next++]!;
    out += result instanceof RestError ? line(errorReport(result)) : options.report(item, result) + LINE_END;
  }
  if (fatal) out += line(errorReport(fatal));
  return { reports: out, ended: fatal !== undefined };
}

function line(report: object): string {
  return JSON.stringify(report) + LINE_END;
}
