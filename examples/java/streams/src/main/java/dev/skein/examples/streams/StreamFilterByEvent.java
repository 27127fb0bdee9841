package dev.skein.examples.streams;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The course's StreamFilterByEvent: reads JSON events from {@code input_topic} and writes those whose {@code event}
 * is {@code purchase} (or {@code --event TYPE}), unchanged with their keys, to {@code output_topic}. Records that
 * are not JSON events are dropped.
 *
 * <pre>StreamFilterByEvent 127.0.0.1:9092 [--guarantee exactly_once_v2] [--input input_topic] [--output output_topic]</pre>
 */
public final class StreamFilterByEvent {
  public static void main(String[] args) throws InterruptedException {
    AppOptions options = AppOptions.parse(args, "StreamFilterByEvent", Map.of(
        "input", "input_topic",
        "output", "output_topic",
        "application-id", "stream-filter-application",
        "event", "purchase"));
    StreamsRunner runner = new StreamsRunner();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(options.input, Consumed.with(Serdes.String(), Serdes.String()))
        .peek((key, value) -> runner.countInput())
        .filter((key, value) -> options.event.equals(Events.field(value, "event")))
        .to(options.output, Produced.with(Serdes.String(), Serdes.String()));
    runner.run(builder.build(), options);
  }
}
