import { ListenerConfigError, listenerConfigs, type ListenerConfig } from "@skein/broker";
import type { ServiceConfig } from "./service-config.js";
import { StartupConfigError } from "./startup-config-error.js";

/**
 * The Kafka listeners the service opens: Kafka's `listeners`, `advertised.listeners`,
 * `listener.security.protocol.map` and TLS/SASL configs from server.properties (or SKEIN_ variables and overrides);
 * without `listeners`, one PLAINTEXT listener on SKEIN_KAFKA_PORT, advertised as SKEIN_ADVERTISED_LISTENER, bound to
 * HOST when it is set and to loopback otherwise (it does not authenticate, even when HTTP does).
 * @throws StartupConfigError naming the config that is wrong
 */
export function kafkaListeners(service: ServiceConfig, brokerConfigs: Readonly<Record<string, string>>): ListenerConfig[] {
  try {
    return listenerConfigs(brokerConfigs, {
      host: service.hostExplicit ? service.host : "127.0.0.1",
      port: service.kafkaPort,
      advertisedHost: service.advertisedListener.host,
      advertisedPort: service.advertisedListener.port,
    });
  } catch (error) {
    if (error instanceof ListenerConfigError) throw new StartupConfigError(error.message);
    throw error;
  }
}
