package dev.skein.examples.streams;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stateful topology: counts the JSON events of {@code input_topic} per {@code user} and writes each new count
 * (key: the user, value: the count as text) to {@code event_counts}. Regrouping by user makes Streams create a
 * repartition topic ({@code <application.id>-events-by-user-repartition}); the counts live in the state store
 * {@code event-counts}, backed by the compacted changelog topic {@code <application.id>-event-counts-changelog}
 * from which a fresh instance restores them.
 *
 * <pre>EventCountByUser 127.0.0.1:9092 [--guarantee exactly_once_v2] [--input input_topic] [--output event_counts]</pre>
 */
public final class EventCountByUser {
  /** The state store's name, and so its changelog topic's. */
  static final String STORE = "event-counts";
  /** The repartition step's name, and so its topic's. */
  static final String REPARTITION = "events-by-user";

  public static void main(String[] args) throws InterruptedException {
    AppOptions options = AppOptions.parse(args, "EventCountByUser", Map.of(
        "input", "input_topic",
        "output", "event_counts",
        "application-id", "event-count-application"));
    StreamsRunner runner = new StreamsRunner();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(options.input, Consumed.with(Serdes.String(), Serdes.String()))
        .peek((key, value) -> runner.countInput())
        .filter((key, value) -> Events.field(value, "user") != null)
        .groupBy((key, value) -> Events.field(value, "user"), Grouped.with(REPARTITION, Serdes.String(), Serdes.String()))
        .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(STORE))
        .toStream()
        .mapValues(String::valueOf)
        .to(options.output, Produced.with(Serdes.String(), Serdes.String()));
    runner.run(builder.build(), options);
  }
}
