/**
 * Kafka broker configs that a `server.properties` written for Kafka holds (Kafka's own sample files hold most of
 * them) and that Skein does not use, each with the reason, so that start-up says why they are ignored rather than
 * calling them unknown.
 */
const UNUSED_KAFKA_CONFIGS: readonly { reason: string; names?: readonly string[]; prefixes?: readonly string[] }[] = [
  { reason: "Skein has no ZooKeeper", prefixes: ["zookeeper."] },
  { reason: "Skein runs one broker without a KRaft controller", names: ["process.roles", "node.id", "metadata.log.dir"], prefixes: ["controller."] },
  {
    reason: "Skein runs one broker: no inter-broker listener, and the pre-listeners names are gone (use listeners and advertised.listeners)",
    names: ["inter.broker.listener.name", "security.inter.broker.protocol", "sasl.mechanism.inter.broker.protocol", "port", "host.name", "advertised.host.name", "advertised.port"],
  },
  {
    reason: "Skein runs in one Node.js process, without thread pools or socket tuning",
    names: ["num.network.threads", "num.io.threads", "num.recovery.threads.per.data.dir", "num.replica.fetchers", "background.threads", "queued.max.requests", "log.cleaner.threads"],
    prefixes: ["socket."],
  },
  { reason: "Skein reads __transaction_state whole at start, without a load buffer", names: ["transaction.state.log.load.buffer.size"] },
  { reason: "Skein has no share groups yet", prefixes: ["share.coordinator.", "group.share."] },
  {
    reason: "Skein's TLS and SASL do not use them (Skein reads PEM and PKCS12 stores, and serves PLAIN and SCRAM; see docs/kafka-protocol.md)",
    prefixes: ["ssl.", "sasl.", "listener.name."],
  },
];

/** Why Skein does not use Kafka broker config `name`, or undefined when it is not one Skein knows to be Kafka's. */
export function unusedKafkaConfigReason(name: string): string | undefined {
  return UNUSED_KAFKA_CONFIGS.find((group) => group.names?.includes(name) || group.prefixes?.some((prefix) => name.startsWith(prefix)))?.reason;
}
