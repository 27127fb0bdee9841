/** The REST Proxy's error body: `error_code` is the HTTP status, or the status followed by two digits. */
export interface RestErrorBody {
  error_code: number;
  message: string;
}

/** An error a resource answers with, in the REST Proxy's shape (for example 40401 "Topic not found"). */
export class RestError extends Error {
  constructor(
    /** HTTP status: the first three digits of `errorCode`. */
    readonly status: number,
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = "RestError";
  }

  get body(): RestErrorBody {
    return { error_code: this.errorCode, message: this.message };
  }
}

/** The reason phrases the REST Proxy (Jersey) puts in plain HTTP errors: "HTTP 404 Not Found". */
const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** A plain HTTP error whose error code is the status itself, with the REST Proxy's message. */
export function httpError(status: number, message?: string): RestError {
  return new RestError(status, status, message ?? `HTTP ${status} ${REASONS[status] ?? "Error"}`);
}
