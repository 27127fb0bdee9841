import { ApiKey, ProtocolDecodeError, apiMessages, Reader, Writer, decodeRequestHeader, encodeApiVersionsResponse, encodeResponseHeader, responseHeaderVersion, type RequestHeader } from "@skein/protocol";
import type { Logger } from "../broker-types.js";
import { KafkaError, UnsupportedVersionError } from "../errors.js";
import type { BrokerSecurity } from "../security/broker-security.js";
import type { ApiHandler } from "./api-handler.js";
import { CloseConnection, type ConnectionInfo, type RequestProcessor, type ResponseBytes } from "./connection.js";
import { toKafkaError } from "./error-codes.js";
import type { RequestContext } from "./request-context.js";

/** A request the listener answered: which API, and how long handling it took (waits included, such as a long poll). */
export interface KafkaRequestEvent {
  apiKey: number;
  /** Kafka's name of the API, e.g. `Produce`. */
  apiName: string;
  apiVersion: number;
  clientId: string;
  durationMs: number;
  /** How long the client was throttled for exceeding a quota (0 when it was not). */
  throttleTimeMs: number;
}

/** A request decoded far enough to be handled: its header, handler and body. */
export interface DecodedRequest {
  header: RequestHeader;
  handler: ApiHandler;
  request: unknown;
}

/** The first version of each admin API that can answer THROTTLING_QUOTA_EXCEEDED (KIP-599); older ones are throttled instead. */
const STRICT_MUTATION_QUOTA_VERSIONS: ReadonlyMap<number, number> = new Map([
  [ApiKey.CreateTopics, 6],
  [ApiKey.CreatePartitions, 3],
  [ApiKey.DeleteTopics, 5],
]);

/**
 * Kafka's request handling: decodes each request's header and body, hands it to the API's handler and encodes the
 * response with the header version the API version calls for. A request that cannot be parsed, or names an API or
 * version Skein does not serve, closes its connection (as Kafka does) — except ApiVersions, which answers an
 * unsupported version with UNSUPPORTED_VERSION and the table in the v0 layout so the client can retry.
 *
 * With security, each request acts as its connection's principal, and its client's quotas are enforced as Kafka's
 * quota managers do: the time a request holds the event loop counts against `request_percentage`, a Produce's size
 * against `producer_byte_rate`, a Fetch's answer against `consumer_byte_rate` (in the Fetch handler); a client over
 * a quota gets `throttle_time_ms` in the response and its connection is muted for that long.
 */
export class KafkaApis implements RequestProcessor {
  private readonly handlers = new Map<number, ApiHandler>();

  constructor(
    handlers: readonly ApiHandler<any, any>[],
    private readonly logger: Logger,
    /** Told of every request answered (for metrics). */
    private readonly onRequest: (event: KafkaRequestEvent) => void = () => undefined,
    private readonly security: BrokerSecurity | null = null,
  ) {
    for (const handler of handlers) this.handlers.set(handler.apiKey, handler as ApiHandler);
  }

  /** The API keys and version ranges served, for ApiVersions. */
  supportedApis(): { apiKey: number; minVersion: number; maxVersion: number }[] {
    return [...this.handlers.values()]
      .map((h) => ({ apiKey: h.apiKey, minVersion: h.minVersion, maxVersion: h.maxVersion }))
      .sort((a, b) => a.apiKey - b.apiKey);
  }

  async process(frame: Buffer, connection: ConnectionInfo): Promise<ResponseBytes | null> {
    const started = performance.now();
    const decoded = this.decode(frame, connection);
    if (!("handler" in decoded)) return decoded;
    const { header, handler, request } = decoded;
    const version = header.requestApiVersion;
    const apiName = apiMessages.get(header.requestApiKey)?.name ?? String(header.requestApiKey);
    const quotas = this.security?.quotas;
    let fetchThrottleMs = 0;
    let admittedMutations = false;
    const context: RequestContext = {
      apiKey: header.requestApiKey,
      apiVersion: version,
      correlationId: header.correlationId,
      clientId: header.clientId ?? "",
      connection,
      clientHost: `/${connection.remoteAddress}`,
      principal: connection.principal,
      apiName,
      recordFetchBytes: (bytes) => {
        if (quotas === undefined) return 0;
        fetchThrottleMs = quotas.recordAndGetThrottleTimeMs("consumer_byte_rate", connection.principal, context.clientId, bytes);
        if (fetchThrottleMs > 0) quotas.unrecord("consumer_byte_rate", connection.principal, context.clientId, bytes);
        return fetchThrottleMs;
      },
      admitControllerMutation: (partitions) => {
        if (quotas === undefined) return true;
        admittedMutations = true;
        const strictFrom = STRICT_MUTATION_QUOTA_VERSIONS.get(header.requestApiKey) ?? Number.MAX_SAFE_INTEGER;
        if (version >= strictFrom && quotas.throttleTimeMs("controller_mutation_rate", connection.principal, context.clientId) > 0) return false;
        quotas.recordAndGetThrottleTimeMs("controller_mutation_rate", connection.principal, context.clientId, partitions);
        return true;
      },
    };
    let response: unknown;
    let handlerTimeMs = 0;
    const handlingStarted = performance.now();
    try {
      const handled = handler.handle(request, context);
      // Only the synchronous part holds the event loop; waits (long polls, fsyncs, rebalances) do not count.
      handlerTimeMs = performance.now() - handlingStarted;
      response = await handled;
    } catch (error) {
      if (error instanceof CloseConnection) throw error;
      const kafkaError = toKafkaError(error);
      if (!(error instanceof KafkaError)) this.logger.warn(`Error handling API ${header.requestApiKey} v${version} from ${context.clientId}: ${(error as Error).stack ?? String(error)}`);
      response = handler.errorResponse(request, kafkaError, context);
    }
    const encodeStarted = performance.now();
    let bytes = response === null ? null : this.encode(header, handler, response);
    const eventLoopMs = handlingStarted - started + handlerTimeMs + (performance.now() - encodeStarted);

    let throttleTimeMs = fetchThrottleMs;
    if (quotas !== undefined) {
      const requestThrottle = Math.min(quotas.recordAndGetThrottleTimeMs("request_percentage", connection.principal, context.clientId, eventLoopMs / 10), quotas.quotaWindowMs);
      throttleTimeMs = Math.max(throttleTimeMs, requestThrottle);
      if (header.requestApiKey === ApiKey.Produce) throttleTimeMs = Math.max(throttleTimeMs, quotas.recordAndGetThrottleTimeMs("producer_byte_rate", connection.principal, context.clientId, frame.length));
      if (admittedMutations) throttleTimeMs = Math.max(throttleTimeMs, quotas.throttleTimeMs("controller_mutation_rate", connection.principal, context.clientId));
    }
    if (throttleTimeMs > 0 && response !== null) {
      (response as { throttleTimeMs?: number }).throttleTimeMs = throttleTimeMs;
      bytes = this.encode(header, handler, response);
    }
    this.onRequest({ apiKey: header.requestApiKey, apiName, apiVersion: version, clientId: context.clientId, durationMs: performance.now() - started, throttleTimeMs });
    if (bytes === null) {
      // acks=0: no response, but a throttled producer still loses its connection's attention for a while.
      if (throttleTimeMs > 0) connection.mute(throttleTimeMs);
      return null;
    }
    return throttleTimeMs > 0 ? { ...bytes, throttleMs: throttleTimeMs } : bytes;
  }

  /**
   * Decodes a request frame: its header, handler and body; or the answer to an ApiVersions of a version Skein does
   * not serve. @throws CloseConnection for what cannot be understood
   */
  decode(frame: Buffer, connection: ConnectionInfo): DecodedRequest | ResponseBytes {
    const r = new Reader(frame);
    let header: RequestHeader;
    try {
      header = decodeRequestHeader(r);
    } catch (error) {
      throw new CloseConnection(`Unparseable request header from ${connection.remoteAddress}: ${(error as Error).message}`);
    }
    const { requestApiKey: apiKey, requestApiVersion: version } = header;
    const handler = this.handlers.get(apiKey);
    if (handler === undefined) throw new CloseConnection(`Unsupported API key ${apiKey} (version ${version}) from client ${header.clientId ?? ""}`);
    if (version < handler.minVersion || version > handler.maxVersion) {
      if (apiKey === ApiKey.ApiVersions) return this.unsupportedApiVersions(header);
      throw new CloseConnection(`Unsupported version ${version} of API ${apiKey} (Skein serves ${handler.minVersion}-${handler.maxVersion}) from client ${header.clientId ?? ""}`);
    }
    try {
      return { header, handler, request: handler.decode(r, version) };
    } catch (error) {
      if (error instanceof ProtocolDecodeError) throw new CloseConnection(`Malformed request (API ${apiKey} v${version}) from client ${header.clientId ?? ""}: ${error.message}`);
      throw error;
    }
  }

  /** A request's whole-request error response (Kafka's `getErrorResponse`), encoded. */
  errorResponse(decoded: DecodedRequest, error: KafkaError, context: RequestContext): ResponseBytes {
    return this.encode(decoded.header, decoded.handler, decoded.handler.errorResponse(decoded.request, error, context));
  }

  /** A response with the header its API version calls for. */
  encode(header: RequestHeader, handler: ApiHandler, response: unknown): ResponseBytes {
    const w = new Writer();
    encodeResponseHeader(w, { correlationId: header.correlationId }, responseHeaderVersion(header.requestApiKey, header.requestApiVersion));
    handler.encode(w, response, header.requestApiVersion);
    return w.finish();
  }

  private unsupportedApiVersions(header: RequestHeader): ResponseBytes {
    const w = new Writer();
    encodeResponseHeader(w, { correlationId: header.correlationId }, 0);
    encodeApiVersionsResponse(w, { errorCode: new UnsupportedVersionError().code, apiKeys: this.supportedApis() }, 0);
    return w.finish();
  }
}
