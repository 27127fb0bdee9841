import { readFileSync } from "node:fs";
import { CommandError } from "../errors.js";

/** An error answer of the service: `{"error_code": N, "message": "..."}`. */
export class ApiError extends CommandError {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
    /** The server has no such route at all (a plain 404 with the framework's generic message). */
    readonly routeMissing = false,
  ) {
    super(message);
  }
}

const GENERIC_NOT_FOUND = /^(HTTP 404 Not Found|404 Not Found|Not Found|Cannot [A-Z]+ \S+)$/i;

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** A body already serialized, sent as is (the v3 streaming produce body). */
  rawBody?: string;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

const JSON_TYPE = "application/json";
// apps/cli/package.json, two levels above both src/client and dist/client.
const CLI_VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
const USER_AGENT = `skein-cli/${CLI_VERSION}`;

/** The one HTTP client of the CLI: JSON in and out, errors as one readable line. */
export class RestClient {
  private clusterIdPromise: Promise<string> | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
    /** Sent with every request (HTTP Basic for a user or an API key), when the service asks for credentials. */
    private readonly authorization?: string,
  ) {}

  /** Sends one request; resolves to the parsed JSON body (undefined for an empty one), throws ApiError otherwise. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: options.accept ?? JSON_TYPE };
    if (this.authorization !== undefined) headers.authorization = this.authorization;
    // Names the CLI to the service, whose audit log records the surface each change came from.
    headers["user-agent"] = USER_AGENT;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers["content-type"] = options.contentType ?? JSON_TYPE;

    let response: Response;
    try {
      response = await this.fetchImpl(url, { method, headers, body, signal: options.signal });
    } catch (error) {
      if ((error as Error).name === "AbortError") throw error;
      throw new CommandError(`Cannot reach the Skein server at ${this.baseUrl}: ${networkReason(error)}`);
    }
    const text = await response.text();
    const parsed = text ? parseJson(text) : undefined;
    if (!response.ok) {
      const errorBody = parsed as { error_code?: unknown; message?: unknown } | undefined;
      const code = typeof errorBody?.error_code === "number" ? errorBody.error_code : response.status;
      let message = typeof errorBody?.message === "string" && errorBody.message ? errorBody.message : `${response.status} ${response.statusText}`.trim();
      // A generic 404 means the route itself is missing: say which, since the server may be older than the CLI.
      const routeMissing = response.status === 404 && GENERIC_NOT_FOUND.test(message);
      if (routeMissing) message = `The server at ${this.baseUrl} does not serve ${method} ${url.pathname} (HTTP 404)`;
      throw new ApiError(response.status, code, message, routeMissing);
    }
    return parsed as T;
  }

  /** The id of the cluster the service serves, asked once. */
  clusterId(): Promise<string> {
    this.clusterIdPromise ??= this.request<{ data: { cluster_id: string }[] }>("GET", "/v3/clusters").then((list) => {
      const id = list.data[0]?.cluster_id;
      if (!id) throw new CommandError(`The server at ${this.baseUrl} reports no cluster`);
      return id;
    });
    return this.clusterIdPromise;
  }

  /** The path of a resource below the cluster: `v3("topics", name)` → `/v3/clusters/<id>/topics/<name>`. */
  async v3(...segments: (string | number)[]): Promise<string> {
    const clusterId = await this.clusterId();
    return `/v3/clusters/${encodeURIComponent(clusterId)}/${segments.map((s) => encodePathSegment(String(s))).join("/")}`;
  }
}

/** Encodes one path segment but keeps `:` so `configs:alter` and `offsets:reset` stay as the API spells them. */
export function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/gi, ":");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === "ECONNREFUSED") return "connection refused";
  if (cause?.code === "ENOTFOUND" || cause?.code === "EAI_AGAIN") return "unknown host";
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ""}`;
  return cause?.message ?? (error as Error).message;
}
