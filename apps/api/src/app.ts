import "reflect-metadata";
import type { LoggerService, LogLevel } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import type { Acks } from "@skein/broker";
import { AppModule } from "./app.module.js";
import { ProducerSettings } from "./config/producer-settings.js";
import { DEFAULT_PRODUCER_ACKS } from "./records/producer-acks.js";
import { registerJsonBodyParsers } from "./common/json-body-parsers.js";
import { answerClientError, answerFrameworkError } from "./errors/http-edge-errors.js";
import type { Engine } from "./engine/engine.js";
import { serveConsole } from "./console/console-static.js";
import { RestExceptionFilter } from "./errors/rest-exception.filter.js";
import { RouteTable } from "./errors/route-table.js";
import { observeHttpRequests } from "./metrics/http-metrics.js";
import { MetricsService } from "./metrics/metrics.service.js";
import { setupOpenApi } from "./openapi/openapi.js";
import type { HttpsSettings } from "./config/http-security-config.js";
import { registerAuthentication } from "./security/authentication-hook.js";
import { AuthenticatedWsAdapter } from "./security/authenticated-ws-adapter.js";
import { HttpAuthenticator } from "./security/http-authenticator.js";
import { DEFAULT_HTTP_SECURITY, type HttpSecuritySettings } from "./security/http-security-settings.js";

export interface AppOptions {
  /** The open engine the app serves; the caller closes it after the app. */
  engine: Engine;
  /** Nest's logger, or the levels to log; false for none (tests). */
  logger?: LoggerService | LogLevel[] | false;
  /** The console's static export to serve at /console/ (default apps/console/out, or SKEIN_CONSOLE_DIR). */
  consoleDir?: string;
  /** Largest request body accepted, in bytes (413 beyond it). Default 16 MiB. */
  bodyLimit?: number;
  /** What REST and WebSocket produces wait for unless a request says (SKEIN_PRODUCER_ACKS); default all (-1). */
  producerAcks?: Acks;
  /** Connection limits against slow clients (tests shorten them); see DEFAULT_CONNECTION_LIMITS. */
  connectionLimits?: Partial<ConnectionLimits>;
  /** How clients authenticate (default none: everyone is User:ANONYMOUS) and how long console sessions last. */
  security?: Partial<HttpSecuritySettings>;
  /** Serve HTTPS (and WSS) with this key and certificate instead of HTTP. */
  https?: HttpsSettings | null;
}

/** Default request body limit: room for a REST produce of a thousand sizeable records. */
export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

/** How long the HTTP server waits for slow clients. */
export interface ConnectionLimits {
  /** Time from a request's first byte to the end of its headers; a slower client (slowloris) gets 408 and is cut off. */
  headersTimeoutMs: number;
  /** How often the server looks for requests past `headersTimeoutMs`: the cut-off comes at most this much later. */
  checkIntervalMs: number;
  /**
   * A connection that carries no byte either way for this long is closed. There is no limit on a whole request's
   * duration: a streamed produce (one chunked body, records sent as they come) may last as long as it keeps moving.
   */
  idleTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  checkIntervalMs: 2_000,
  // Above the longest wait a request may ask for (a v2 consumer's GET records waits up to 30 s).
  idleTimeoutMs: 120_000,
};

/**
 * The Nest application on Fastify, fully wired but not listening: `await app.listen(...)` serves it, or for tests
 * `await app.init()` then `app.getHttpAdapter().getInstance().ready()`.
 */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.connectionLimits };
  const https = options.https ?? null;
  const security: HttpSecuritySettings = { ...DEFAULT_HTTP_SECURITY, secureCookies: https !== null, ...options.security };
  const adapter = new FastifyAdapter({
    ...(https !== null ? { https: { key: https.key, cert: https.cert, ...(https.passphrase ? { passphrase: https.passphrase } : {}) } } : {}),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    connectionTimeout: limits.idleTimeoutMs,
    requestTimeout: 0,
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs },
  });
  const producer = new ProducerSettings(options.producerAcks ?? DEFAULT_PRODUCER_ACKS);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options.engine, producer, security), adapter, {
    logger: options.logger ?? ["log", "warn", "error"],
    // The service's own parsers (common/json-body-parsers.ts) take application/json and the v2 types.
    bodyParser: false,
  });
  const authenticator = app.get(HttpAuthenticator);
  app.useWebSocketAdapter(new AuthenticatedWsAdapter(app, authenticator));
  const fastify = app.getHttpAdapter().getInstance();
  registerAuthentication(fastify, authenticator);
  registerJsonBodyParsers(fastify);
  const routes = new RouteTable();
  fastify.addHook("onRoute", (route) => routes.add(route.method, route.url));
  observeHttpRequests(fastify, app.get(MetricsService));
  app.useGlobalFilters(new RestExceptionFilter(routes));
  setupOpenApi(app);
  await serveConsole(app, options.consoleDir);
  return app;
}
