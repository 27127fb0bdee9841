package dev.skein.examples;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * For the crash test: an idempotent producer (acks=all, retries until delivery.timeout.ms) sends the numbers
 * 0..COUNT-1 as values to partition 0, and prints {@code ACK <n> <offset>} for every record the broker acknowledged
 * ({@code FAILED <n> <error>} for one it gave up on). A broker killed and restarted meanwhile must leave every
 * acknowledged number in the partition exactly once, in order.
 */
public final class IdempotentProducer {
  public static void main(String[] args) {
    String usage = "IdempotentProducer BOOTSTRAP TOPIC COUNT";
    String bootstrap = Demo.arg(args, 0, usage);
    String topic = Demo.arg(args, 1, usage);
    int count = Integer.parseInt(Demo.arg(args, 2, usage));
    var properties = Demo.producerProperties(bootstrap);
    properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
    properties.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
    properties.setProperty(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "200");
    properties.setProperty(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (int n = 0; n < count; n++) {
        final int number = n;
        producer.send(new ProducerRecord<>(topic, 0, null, String.valueOf(n)), (metadata, exception) -> {
          if (exception == null) Demo.print("ACK " + number + " " + metadata.offset());
          else Demo.print("FAILED " + number + " " + exception.getClass().getSimpleName());
        });
        // A steady stream rather than one burst, so that a crash lands in the middle of it.
        if (n % 100 == 99) Thread.sleep(20);
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Demo.print("DONE");
  }
}
