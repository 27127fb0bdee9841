import { RestError } from "../errors/rest-error.js";

/** The REST Proxy's code for a request whose credentials are missing or wrong. */
export const AUTHENTICATION_FAILED = 40101;
/** The REST Proxy's code for a request an ACL denies. */
export const AUTHORIZATION_FAILED = 40301;
/** Skein's code for a console change without its session's CSRF token. */
export const CSRF_TOKEN_INVALID = 40302;
/** Skein's code for a source refused after too many failed authentications. */
export const TOO_MANY_AUTHENTICATION_FAILURES = 42901;

/** An authentication refusal, with the headers it is answered with (WWW-Authenticate, Retry-After, Set-Cookie). */
export class HttpAuthError extends RestError {
  constructor(
    status: number,
    errorCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, errorCode, message);
    this.name = "HttpAuthError";
  }
}
