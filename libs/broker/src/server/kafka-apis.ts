import { ApiKey, ProtocolDecodeError, apiMessages, Reader, Writer, decodeRequestHeader, encodeApiVersionsResponse, encodeResponseHeader, responseHeaderVersion, type RequestHeader } from "@skein/protocol";
import type { Logger } from "../broker-types.js";
import { KafkaError, UnsupportedVersionError } from "../errors.js";
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
}

/**
 * Kafka's request handling: decodes each request's header and body, hands it to the API's handler and encodes the
 * response with the header version the API version calls for. A request that cannot be parsed, or names an API or
 * version Skein does not serve, closes its connection (as Kafka does) — except ApiVersions, which answers an
 * unsupported version with UNSUPPORTED_VERSION and the table in the v0 layout so the client can retry.
 */
export class KafkaApis implements RequestProcessor {
  private readonly handlers = new Map<number, ApiHandler>();

  constructor(
    handlers: readonly ApiHandler<any, any>[],
    private readonly logger: Logger,
    /** Told of every request answered (for metrics). */
    private readonly onRequest: (event: KafkaRequestEvent) => void = () => undefined,
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
    let request: unknown;
    try {
      request = handler.decode(r, version);
    } catch (error) {
      if (error instanceof ProtocolDecodeError) throw new CloseConnection(`Malformed request (API ${apiKey} v${version}) from client ${header.clientId ?? ""}: ${error.message}`);
      throw error;
    }
    const context: RequestContext = {
      apiKey,
      apiVersion: version,
      correlationId: header.correlationId,
      clientId: header.clientId ?? "",
      connection,
      clientHost: `/${connection.remoteAddress}`,
    };
    let response: unknown;
    const started = performance.now();
    try {
      response = await handler.handle(request, context);
    } catch (error) {
      if (error instanceof CloseConnection) throw error;
      const kafkaError = toKafkaError(error);
      if (!(error instanceof KafkaError)) this.logger.warn(`Error handling API ${apiKey} v${version} from ${context.clientId}: ${(error as Error).stack ?? String(error)}`);
      response = handler.errorResponse(request, kafkaError, context);
    }
    this.onRequest({ apiKey, apiName: apiMessages.get(apiKey)?.name ?? String(apiKey), apiVersion: version, clientId: context.clientId, durationMs: performance.now() - started });
    if (response === null) return null;
    const w = new Writer();
    encodeResponseHeader(w, { correlationId: header.correlationId }, responseHeaderVersion(apiKey, version));
    handler.encode(w, response, version);
    return w.finish();
  }

  private unsupportedApiVersions(header: RequestHeader): ResponseBytes {
    const w = new Writer();
    encodeResponseHeader(w, { correlationId: header.correlationId }, 0);
    encodeApiVersionsResponse(w, { errorCode: new UnsupportedVersionError().code, apiKeys: this.supportedApis() }, 0);
    return w.finish();
  }
}
