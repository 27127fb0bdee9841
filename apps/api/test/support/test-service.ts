import type { NestFastifyApplication } from "@nestjs/platform-fastify";
import request from "supertest";
import { createApp, type AppOptions } from "../../src/app.js";
import { Engine } from "../../src/engine/engine.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";

/** The real service on a fresh database and data directory, served in-process (no port) for supertest. */
export interface TestService {
  app: NestFastifyApplication;
  engine: Engine;
  db: TestDatabase;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestServiceOptions extends Omit<AppOptions, "engine"> {
  brokerConfig?: Record<string, string>;
  /** Runs after the app is created and before it is initialised: the place to add routes a test needs. */
  beforeInit?: (app: NestFastifyApplication) => void;
}

export async function startTestService(provider: TestDatabase["provider"], options: TestServiceOptions = {}): Promise<TestService> {
  const db = await createTestDatabase(provider);
  const engine = await Engine.open({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, brokerConfig: options.brokerConfig });
  const app = await createApp({ logger: false, ...options, engine });
  options.beforeInit?.(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    engine,
    db,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      await engine.close();
      await db.drop();
    },
  };
}
