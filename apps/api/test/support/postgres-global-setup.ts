import type { TestProject } from "vitest/node";
import { startPostgres } from "../../../../scripts/postgres.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server URL for tests, or null when SKEIN_TEST_POSTGRES=skip. */
    postgresUrl: string | null;
  }
}

/**
 * Gives the tests a PostgreSQL server: the one `npm test` started (SKEIN_TEST_POSTGRES_URL), or a fresh one from
 * Debian's package for a direct `vitest` run. It fails the run when PostgreSQL cannot start; SKEIN_TEST_POSTGRES=skip
 * is the only way to run without it, and the PostgreSQL tests then report as skipped.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  if (process.env.SKEIN_TEST_POSTGRES === "skip") {
    project.provide("postgresUrl", null);
    return undefined;
  }
  const given = process.env.SKEIN_TEST_POSTGRES_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return undefined;
  }
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
