import "reflect-metadata";
import type { LoggerService, LogLevel } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { FastifyAdapter, type NestFastifyApplication } from "@nestjs/platform-fastify";
import { WsAdapter } from "@nestjs/platform-ws";
import { AppModule } from "./app.module.js";
import type { Engine } from "./engine/engine.js";
import { serveConsole } from "./console/console-static.js";
import { RestExceptionFilter } from "./errors/rest-exception.filter.js";
import { RouteTable } from "./errors/route-table.js";
import { observeHttpRequests } from "./metrics/http-metrics.js";
import { MetricsService } from "./metrics/metrics.service.js";
import { setupOpenApi } from "./openapi/openapi.js";

export interface AppOptions {
  /** The open engine the app serves; the caller closes it after the app. */
  engine: Engine;
  /** Nest's logger, or the levels to log; false for none (tests). */
  logger?: LoggerService | LogLevel[] | false;
  /** The console's static export to serve at /console/ (default apps/console/out, or SKEIN_CONSOLE_DIR). */
  consoleDir?: string;
  /** Largest request body accepted, in bytes (413 beyond it). Default 16 MiB. */
  bodyLimit?: number;
}

/** Default request body limit: room for a REST produce of a thousand sizeable records. */
export const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * The Nest application on Fastify, fully wired but not listening: `await app.listen(...)` serves it, or for tests
 * `await app.init()` then `app.getHttpAdapter().getInstance().ready()`.
 */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options.engine), adapter, {
    logger: options.logger ?? ["log", "warn", "error"],
  });
  app.useWebSocketAdapter(new WsAdapter(app));
  const fastify = app.getHttpAdapter().getInstance();
  const routes = new RouteTable();
  fastify.addHook("onRoute", (route) => routes.add(route.method, route.url));
  observeHttpRequests(fastify, app.get(MetricsService));
  app.useGlobalFilters(new RestExceptionFilter(routes));
  setupOpenApi(app);
  await serveConsole(app, options.consoleDir);
  return app;
}
