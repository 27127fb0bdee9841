import type { INestApplicationContext } from "@nestjs/common";
import { WsAdapter } from "@nestjs/platform-ws";
import type { IncomingMessage } from "node:http";
import { restErrorFor } from "../errors/rest-error-for.js";
import { HttpAuthError } from "./http-auth-error.js";
import type { HttpAuthenticator } from "./http-authenticator.js";
import type { HttpIdentity } from "./http-identity.js";

type VerifyClientDone = (verified: boolean, code?: number, message?: string, headers?: Record<string, string>) => void;

/** The identity a WebSocket upgrade authenticated as, once the adapter accepted it. */
export function socketIdentity(request: IncomingMessage): HttpIdentity {
  const identity = (request as IncomingMessage & { skeinIdentity?: HttpIdentity }).skeinIdentity;
  if (identity === undefined) throw new Error("A WebSocket was accepted without an identity");
  return identity;
}

/**
 * Nest's `ws` adapter with authentication at the upgrade: a WebSocket opens only with the credentials a REST request
 * needs (HTTP Basic, an API key, or a console session from the console's own origin), and a refused upgrade is
 * answered with the REST error (401, 403, 429) before any frame is read.
 */
export class AuthenticatedWsAdapter extends WsAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly authenticator: HttpAuthenticator,
  ) {
    super(app);
  }

  override create(port: number, options: Record<string, unknown> = {}): ReturnType<WsAdapter["create"]> {
    const verifyClient = (info: { req: IncomingMessage }, done: VerifyClientDone) => {
      this.authenticator.authenticate({ headers: info.req.headers, sourceAddress: info.req.socket.remoteAddress ?? "", method: "GET", transport: "ws" }).then(
        (identity) => {
          (info.req as IncomingMessage & { skeinIdentity?: HttpIdentity }).skeinIdentity = identity;
          done(true);
        },
        (error: unknown) => {
          const rest = restErrorFor(error);
          const headers = error instanceof HttpAuthError ? error.headers : {};
          done(false, rest.status, JSON.stringify(rest.body), { ...headers, "Content-Type": "application/json" });
        },
      );
    };
    return super.create(port, { ...options, verifyClient } as Parameters<WsAdapter["create"]>[1]);
  }
}
