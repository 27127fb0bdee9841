import type { NestFastifyApplication } from "@nestjs/platform-fastify";
import { createApp } from "../../src/app.js";
import { Engine } from "../../src/engine/engine.js";
import type { TestDatabase } from "./databases.js";
import { GROUP_BROKER_CONFIG } from "./listening-service.js";

/** The first admin every secured test service is started with (SKEIN_ADMIN_USER / SKEIN_ADMIN_PASSWORD). */
export const ADMIN = { user: "admin", password: "admin-password-1" };

/** Kafka's StandardAuthorizer, with nothing allowed unless an ACL says so. */
export const AUTHORIZER_CONFIG: Record<string, string> = {
  ...GROUP_BROKER_CONFIG,
  "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
  "allow.everyone.if.no.acl.found": "false",
};

/** An answer read in full: status, headers and the JSON (or text) body. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** The service with SKEIN_AUTHENTICATION_METHOD=BASIC, listening on a real port, over a real database. */
export interface SecuredService {
  app: NestFastifyApplication;
  engine: Engine;
  base: string;
  clusterId: string;
  /** A request, with HTTP Basic credentials when `auth` is given. */
  call(method: string, path: string, options?: { auth?: { user: string; password: string }; body?: unknown; headers?: Record<string, string>; contentType?: string }): Promise<HttpAnswer>;
  stop(): Promise<void>;
}

/** The `Authorization: Basic` header for a user (or an API key's id) and its password (or secret). */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

export async function startSecuredService(db: TestDatabase, brokerConfig: Record<string, string> = AUTHORIZER_CONFIG, sessionTimeoutMs?: number): Promise<SecuredService> {
  const engine = await Engine.open({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, brokerConfig, admin: ADMIN });
  const app = await createApp({ logger: false, engine, security: { authentication: "BASIC", ...(sessionTimeoutMs === undefined ? {} : { sessionTimeoutMs }) } });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.getHttpServer().address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const base = `http://127.0.0.1:${port}`;
  return {
    app,
    engine,
    base,
    clusterId: engine.broker.clusterId,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.auth) headers.authorization = basic(options.auth.user, options.auth.password);
      if (options.body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
      const response = await fetch(`${base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text === "" ? null : JSON.parse(text);
      } catch {
        // not JSON (metrics, CSV): the text itself
      }
      return { status: response.status, headers: response.headers, body };
    },
    stop: async () => {
      await app.close();
      await engine.close();
    },
  };
}
