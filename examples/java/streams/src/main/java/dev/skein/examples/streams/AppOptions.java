package dev.skein.examples.streams;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The command line of a Streams app: {@code BOOTSTRAP [--input T] [--output T] [--application-id ID]
 * [--guarantee at_least_once|exactly_once_v2] [--state-dir DIR] [--config KEY=VALUE]...}, and {@code --event TYPE}
 * for the apps that filter by event type. Anything not given keeps the course's names and Kafka Streams' defaults.
 */
final class AppOptions {
  final String bootstrap;
  final String input;
  final String output;
  final String applicationId;
  final String guarantee;
  final String stateDir;
  final String event;
  final Map<String, String> configs;

  private AppOptions(String bootstrap, Map<String, String> flags, Map<String, String> configs) {
    this.bootstrap = bootstrap;
    this.input = flags.get("input");
    this.output = flags.get("output");
    this.applicationId = flags.get("application-id");
    this.guarantee = flags.get("guarantee");
    this.stateDir = flags.get("state-dir");
    this.event = flags.get("event");
    this.configs = configs;
  }

  /** Parses the arguments over the app's defaults; a bad command line prints the usage and exits with 2. */
  static AppOptions parse(String[] args, String main, Map<String, String> defaults) {
    String usage = "usage: " + main + " BOOTSTRAP [--input TOPIC] [--output TOPIC] [--application-id ID]"
        + " [--guarantee at_least_once|exactly_once_v2] [--state-dir DIR]" + (defaults.containsKey("event") ? " [--event TYPE]" : "")
        + " [--config KEY=VALUE]...";
    if (args.length < 1 || args[0].startsWith("--")) fail(usage, "BOOTSTRAP is missing");
    Map<String, String> flags = new LinkedHashMap<>(defaults);
    flags.putIfAbsent("guarantee", StreamsConfig.AT_LEAST_ONCE);
    // Every app's flags: its defaults, the guarantee, and the state directory (Kafka Streams' own default unless given).
    Set<String> known = new HashSet<>(flags.keySet());
    known.add("state-dir");
    Map<String, String> configs = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      String flag = args[i];
      if (!flag.startsWith("--") || i + 1 >= args.length) fail(usage, "expected --FLAG VALUE at " + flag);
      String name = flag.substring(2);
      String value = args[i + 1];
      if (name.equals("config")) {
        int equals = value.indexOf('=');
        if (equals <= 0) fail(usage, "--config takes KEY=VALUE, not " + value);
        configs.put(value.substring(0, equals), value.substring(equals + 1));
      } else if (known.contains(name)) {
        flags.put(name, value);
      } else {
        fail(usage, "unknown flag " + flag);
      }
    }
    String guarantee = flags.get("guarantee");
    if (!guarantee.equals(StreamsConfig.AT_LEAST_ONCE) && !guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
      fail(usage, "--guarantee is at_least_once or exactly_once_v2, not " + guarantee);
    }
    return new AppOptions(args[0], flags, configs);
  }

  /** The Streams configuration: String keys and values, the guarantee, the state directory, then every --config. */
  Properties streamsProperties() {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    properties.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    if (stateDir != null) properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    properties.putAll(configs);
    return properties;
  }

  private static void fail(String usage, String problem) {
    System.err.println(problem);
    System.err.println(usage);
    System.exit(2);
  }
}
