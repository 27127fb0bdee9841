import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { NestFastifyApplication } from "@nestjs/platform-fastify";

/** Where the console is served: its static export is built with this base path. */
export const CONSOLE_PATH = "/console/";

/** The console's static export (apps/console/out), unless SKEIN_CONSOLE_DIR names another. */
export function consoleDirectory(): string {
  return process.env.SKEIN_CONSOLE_DIR ?? fileURLToPath(new URL("../../../console/out", import.meta.url));
}

/**
 * Serves the console's static export at `/console/` and sends `/` there, so a user opens one address. When the
 * console has not been built, `/console/` says how to build it instead of failing silently.
 */
export async function serveConsole(app: NestFastifyApplication, directory = consoleDirectory()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get("/", (_request, reply) => reply.redirect(CONSOLE_PATH, 302));
  if (existsSync(directory)) {
    await fastify.register(fastifyStatic, { root: directory, prefix: CONSOLE_PATH, index: ["index.html"], redirect: true, wildcard: true });
    return;
  }
  fastify.get(`${CONSOLE_PATH}*`, (_request, reply) =>
    reply
      .code(503)
      .type("text/plain; charset=utf-8")
      .send(`The console has not been built (no ${directory}). Run \`npm run build\` (or \`npm start\`, which builds it) and reload.\n`),
  );
}
