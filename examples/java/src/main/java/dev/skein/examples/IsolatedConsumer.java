package dev.skein.examples;

import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic without a group, at an isolation level ({@code read_committed} or {@code read_uncommitted}):
 * every partition from the beginning to its end as that level sees it (the last stable offset for read_committed, the
 * high watermark otherwise). Prints {@code RECORD <partition> <offset> <value>} per record, {@code END <partition>
 * <position>} per partition, and {@code DONE <count>}.
 */
public final class IsolatedConsumer {
  public static void main(String[] args) {
    String usage = "IsolatedConsumer BOOTSTRAP TOPIC read_committed|read_uncommitted";
    String bootstrap = Demo.arg(args, 0, usage);
    String topic = Demo.arg(args, 1, usage);
    String isolation = Demo.arg(args, 2, usage);
    var properties = Demo.consumerProperties(bootstrap, null);
    properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // endOffsets answers at the consumer's isolation level: the last stable offset for read_committed.
      var ends = consumer.endOffsets(partitions);
      int count = 0;
      long deadline = System.currentTimeMillis() + 60_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.currentTimeMillis() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          count++;
          Demo.print("RECORD " + record.partition() + " " + record.offset() + " " + record.value());
        }
      }
      for (var p : partitions) Demo.print("END " + p.partition() + " " + consumer.position(p));
      Demo.print("DONE " + count);
    }
  }
}
