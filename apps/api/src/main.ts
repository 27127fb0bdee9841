import { existsSync, readdirSync } from "node:fs";
import { Logger } from "@nestjs/common";
import { KafkaListener } from "@skein/broker";
import { createApp } from "./app.js";
import { BrokerRegistration } from "./cluster/broker-registration.js";
import { CONSOLE_PATH } from "./console/console-static.js";
import { checkExposure, securityLine } from "./config/exposure.js";
import { kafkaListeners } from "./config/kafka-listeners.js";
import { parseServiceCommandLine, SERVICE_USAGE } from "./config/service-command-line.js";
import { StartupConfigError } from "./config/startup-config-error.js";
import { loadStartupConfig } from "./config/startup-config.js";
import { Engine } from "./engine/engine.js";
import { ServiceLogger, serviceLogOptions } from "./logging/service-logger.js";
import { recoveryLine, serviceVersion, staticConfigLine } from "./logging/start-log.js";
import { MetricsService } from "./metrics/metrics.service.js";
import { DOCS_PATH, OPENAPI_PATH } from "./openapi/openapi.js";

/**
 * `npm start`: reads the command line (a server.properties, --override), the environment (PORT, HOST,
 * SKEIN_DATA_DIR, DATABASE_URL, SKEIN_KAFKA_PORT, SKEIN_ADVERTISED_LISTENER, SKEIN_PRODUCER_ACKS, SKEIN_ETCD_ENDPOINTS, SKEIN_ broker
 * configs, SKEIN_LOG_LEVEL, and the security settings: SKEIN_AUTHENTICATION_METHOD, SKEIN_HTTPS_CERT/KEY,
 * SKEIN_ADMIN_USER/PASSWORD, SKEIN_ALLOW_UNAUTHENTICATED), refuses unauthenticated endpoints beyond loopback, migrates the metadata database, opens the engine, serves HTTP and the Kafka listener,
 * and on SIGTERM or SIGINT stops taking requests, then closes the engine.
 */
async function main(): Promise<void> {
  const commandLine = parseServiceCommandLine(process.argv.slice(2));
  if (commandLine.help || commandLine.version) {
    process.stdout.write(commandLine.help ? SERVICE_USAGE : `${serviceVersion()}\n`);
    return;
  }
  const serviceLogger = new ServiceLogger(serviceLogOptions(process.env, process.stdout.isTTY === true));
  Logger.overrideLogger(serviceLogger);
  const logger = new Logger("Skein");
  const { service: config, broker: staticConfig } = loadStartupConfig(commandLine, process.env);
  const listeners = kafkaListeners(config, staticConfig.configs);
  // Before anything is opened: an unauthenticated endpoint beyond loopback needs SKEIN_ALLOW_UNAUTHENTICATED=true.
  const exposed = checkExposure(config, listeners);
  logger.log(`Skein ${serviceVersion()} on Node ${process.version}, pid ${process.pid}`);
  logger.log(staticConfigLine(staticConfig));
  for (const warning of staticConfig.warnings) logger.warn(warning);
  const newDataDir = !existsSync(config.dataDir) || readdirSync(config.dataDir).length === 0;
  const engineLogger = { info: (message: string) => logger.log(message), warn: (message: string) => logger.warn(message), error: (message: string) => logger.error(message) };
  // A cluster member registers its first Kafka listener, where the other brokers' replica fetchers connect: it must
  // be a fixed PLAINTEXT port (inter-broker SASL and TLS are not supported yet).
  const replicationListener = listeners[0]!;
  const advertisedKafkaPort = replicationListener.advertisedPort ?? replicationListener.port;
  if (config.cluster && advertisedKafkaPort === 0) throw new StartupConfigError("A cluster member needs a fixed Kafka port: set SKEIN_KAFKA_PORT (or SKEIN_ADVERTISED_LISTENER).");
  if (config.cluster && replicationListener.securityProtocol !== "PLAINTEXT") {
    throw new StartupConfigError(`A cluster member's first Kafka listener (${replicationListener.name}) must be PLAINTEXT: brokers replicate over it, and inter-broker SASL and TLS are not supported yet.`);
  }
  const httpHost = config.host === "0.0.0.0" || config.host === "::" ? replicationListener.advertisedHost : config.host;
  const engine = await Engine.open({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    brokerConfig: staticConfig.configs,
    admin: config.security.admin,
    logger: engineLogger,
    cluster: config.cluster && { ...config.cluster, advertised: { host: replicationListener.advertisedHost, port: advertisedKafkaPort, httpUrl: `http://${httpHost}:${config.port}` } },
  });
  logger.log(recoveryLine({ newDataDir, cleanShutdown: engine.broker.startedAfterCleanShutdown, repairs: engine.broker.startupReport.length }));
  const app = await createApp({
    engine,
    logger: serviceLogger,
    producerAcks: config.producerAcks,
    security: { authentication: config.security.authentication, sessionTimeoutMs: config.security.sessionTimeoutMs },
    https: config.security.https,
  });
  await app.listen({ port: config.port, host: config.host });
  const kafka = await KafkaListener.start(engine.broker, engine.groups, { listeners, security: engine.security, logger: engineLogger, transactions: engine.transactions });
  app.get(MetricsService).observeKafkaListener(kafka);

  const address = app.getHttpServer().address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  // A full disk under SQLite or an unreachable PostgreSQL must not stop the start: the registration is retried in the
  // background and /readyz reports it meanwhile.
  await app.get(BrokerRegistration).register({ host, port });
  // Handled before the start log says where the service is: whoever reads "Cluster ..." may stop it at once.
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

  const base = `${config.security.https ? "https" : "http"}://${host}:${port}`;
  logger.log(`Cluster ${engine.broker.clusterId}, broker ${engine.broker.brokerId}, data in ${config.dataDir}`);
  logger.log(`HTTP      listening on ${config.host}:${port}${config.security.https ? ` (HTTPS, certificate ${config.security.https.certFile})` : ""}`);
  for (const l of kafka.endpoints) {
    const name = l.name === l.securityProtocol ? l.name : `${l.name} (${l.securityProtocol})`;
    logger.log(`Kafka     ${l.advertisedHost}:${l.advertisedPort} ${name} (listening on ${l.host || "0.0.0.0"}:${l.port}; bootstrap.servers=${l.advertisedHost}:${l.advertisedPort})`);
  }
  logger.log(securityLine(config, listeners, engine.security.authorizationEnabled, exposed));
  logger.log(`Console   ${base}${CONSOLE_PATH}`);
  logger.log(`REST API  ${base}/v3/clusters`);
  logger.log(`API docs  ${base}${DOCS_PATH} (OpenAPI ${base}${OPENAPI_PATH})`);
  logger.log(`Metrics   ${base}/metrics`);
}

main().catch((error: unknown) => {
  // A wrong setting is one line; anything else keeps its stack.
  const detail = error instanceof StartupConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  // The service's logger even when start-up failed before it was installed: no colour codes in a log file.
  new ServiceLogger({ levels: ["error", "fatal"], colors: process.stdout.isTTY === true && !process.env.NO_COLOR }).error(`Start-up failed: ${detail}`, "Skein");
  process.exit(1);
});
