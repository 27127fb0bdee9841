package dev.skein.examples.streams;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the numbered events FIRST_ID..FIRST_ID+COUNT-1 (see {@link Events}) to a topic, keyed by user, with an
 * idempotent acks=all producer, at about RATE events per second when given (a steady stream that a crash can land
 * in the middle of). Prints {@code SENT <n>} every 10,000 acknowledged events, {@code FAILED <id> <error>} for an
 * event the producer gave up on, and {@code DONE <acknowledged>} at the end.
 *
 * <pre>EventProducer 127.0.0.1:9092 input_topic 0 100000 [5000]</pre>
 */
public final class EventProducer {
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 4) {
      System.err.println("usage: EventProducer BOOTSTRAP TOPIC FIRST_ID COUNT [RATE_PER_SECOND]");
      System.exit(2);
    }
    String topic = args[1];
    long first = Long.parseLong(args[2]);
    long count = Long.parseLong(args[3]);
    long rate = args.length > 4 ? Long.parseLong(args[4]) : 0;

    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    // Keep retrying through a broker restart rather than giving up after the default two minutes.
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
    properties.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");

    AtomicLong acknowledged = new AtomicLong();
    long started = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (long id = first; id < first + count; id++) {
        final long sent = id;
        producer.send(new ProducerRecord<>(topic, Events.userOf(id), Events.json(id)), (metadata, exception) -> {
          if (exception != null) {
            StreamsRunner.print("FAILED " + sent + " " + exception);
          } else if (acknowledged.incrementAndGet() % StreamsRunner.PROGRESS_EVERY == 0) {
            StreamsRunner.print("SENT " + acknowledged.get());
          }
        });
        if (rate > 0 && (id - first) % 100 == 99) {
          long due = started + (id - first + 1) * 1_000_000_000L / rate;
          long wait = due - System.nanoTime();
          if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      producer.flush();
    }
    StreamsRunner.print("DONE " + acknowledged.get());
  }
}
