import { Logger } from "@nestjs/common";
import { KafkaListener } from "@skein/broker";
import { createApp } from "./app.js";
import { BrokerRegistration } from "./cluster/broker-registration.js";
import { CONSOLE_PATH } from "./console/console-static.js";
import { readServiceConfig } from "./config/service-config.js";
import { Engine } from "./engine/engine.js";
import { MetricsService } from "./metrics/metrics.service.js";
import { DOCS_PATH, OPENAPI_PATH } from "./openapi/openapi.js";

/**
 * `npm start`: reads the environment (PORT, HOST, SKEIN_DATA_DIR, DATABASE_URL, SKEIN_PRODUCER_ACKS, SKEIN_BROKER_*),
 * migrates the metadata database, opens the engine, serves HTTP, and on SIGTERM or SIGINT stops taking requests, then
 * closes the engine.
 */
async function main(): Promise<void> {
  const logger = new Logger("Skein");
  const config = readServiceConfig();
  const engine = await Engine.open({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    brokerConfig: config.brokerConfig,
    logger: { info: (message) => logger.log(message), warn: (message) => logger.warn(message), error: (message) => logger.error(message) },
  });
  const known = new Set(engine.broker.describeBrokerConfigs().map((entry) => entry.name));
  for (const name of Object.keys(config.brokerConfig)) {
    if (!known.has(name)) logger.warn(`SKEIN_BROKER_* sets ${name}, which is not a broker config: it is ignored.`);
  }
  const app = await createApp({ engine, producerAcks: config.producerAcks });
  await app.listen({ port: config.port, host: config.host });
  const kafka = await KafkaListener.start(engine.broker, engine.groups, {
    host: config.host,
    port: config.kafkaPort,
    advertisedHost: config.advertisedListener.host,
    advertisedPort: config.advertisedListener.port,
    logger: { info: (message) => logger.log(message), warn: (message) => logger.warn(message) },
  });
  app.get(MetricsService).observeKafkaListener(kafka);

  const address = app.getHttpServer().address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  // A full disk under SQLite or an unreachable PostgreSQL must not stop the start: the registration is retried in the
  // background and /readyz reports it meanwhile.
  await app.get(BrokerRegistration).register({ host, port });
  const base = `http://${host}:${port}`;
  logger.log(`Cluster ${engine.broker.clusterId}, broker ${engine.broker.brokerId}, data in ${config.dataDir}`);
  logger.log(`Console   ${base}${CONSOLE_PATH}`);
  logger.log(`REST API  ${base}/v3/clusters`);
  logger.log(`Kafka     ${kafka.advertisedHost}:${kafka.advertisedPort} (listening on ${config.host}:${kafka.port}; bootstrap.servers=${kafka.advertisedHost}:${kafka.advertisedPort})`);
  logger.log(`API docs  ${base}${DOCS_PATH} (OpenAPI ${base}${OPENAPI_PATH})`);
  logger.log(`Metrics   ${base}/metrics`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    try {
      await kafka.stop();
      await app.close();
      await engine.close();
      logger.log("Stopped cleanly");
      process.exit(0);
    } catch (error) {
      logger.error(`Shutdown failed: ${(error as Error).stack ?? String(error)}`);
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  new Logger("Skein").error(`Start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
