import type { NestFastifyApplication } from "@nestjs/platform-fastify";
import { createApp, type AppOptions } from "../../src/app.js";
import { Engine } from "../../src/engine/engine.js";
import type { TestDatabase } from "./databases.js";
import { RestClient } from "./rest-consumer.js";

/** Broker settings for group tests: no initial rebalance delay, few `__consumer_offsets` partitions. */
export const GROUP_BROKER_CONFIG: Record<string, string> = {
  "group.initial.rebalance.delay.ms": "0",
  "offsets.topic.num.partitions": "5",
};

/** The real service, in-process but listening on a port, over a database that outlives it (for restarts). */
export interface ListeningService {
  app: NestFastifyApplication;
  engine: Engine;
  client: RestClient;
  clusterId: string;
  /** Closes the app, then the engine, as SIGTERM does; the database and data directory stay. */
  stop(): Promise<void>;
}

export async function startListeningService(
  db: TestDatabase,
  brokerConfig: Record<string, string> = GROUP_BROKER_CONFIG,
  appOptions: Omit<AppOptions, "engine"> = {},
): Promise<ListeningService> {
  const engine = await Engine.open({ dataDir: db.dataDir, databaseUrl: db.databaseUrl, brokerConfig });
  const app = await createApp({ logger: false, ...appOptions, engine });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.getHttpServer().address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    app,
    engine,
    client: new RestClient(`http://127.0.0.1:${port}`),
    clusterId: engine.broker.clusterId,
    stop: async () => {
      await app.close();
      await engine.close();
    },
  };
}
