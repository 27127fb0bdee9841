package dev.skein.examples;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The course's assign-and-seek consumer: no group, one partition assigned by hand, the position moved to an offset,
 * COUNT records read from there. Prints {@code RECORD <partition> <offset> <key> <value>} per record, then {@code DONE}.
 */
public final class ConsumerDemoAssignSeek {
  public static void main(String[] args) {
    String usage = "ConsumerDemoAssignSeek BOOTSTRAP TOPIC PARTITION OFFSET COUNT";
    String bootstrap = Demo.arg(args, 0, usage);
    TopicPartition partition = new TopicPartition(Demo.arg(args, 1, usage), Integer.parseInt(Demo.arg(args, 2, usage)));
    long offset = Long.parseLong(Demo.arg(args, 3, usage));
    int count = Integer.parseInt(Demo.arg(args, 4, usage));
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Demo.consumerProperties(bootstrap, null))) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, offset);
      int read = 0;
      long deadline = System.currentTimeMillis() + 60_000;
      while (read < count && System.currentTimeMillis() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (read++ >= count) break;
          Demo.print("RECORD " + record.partition() + " " + record.offset() + " " + record.key() + " " + record.value());
        }
      }
      Demo.print(read >= count ? "DONE" : "TIMEOUT " + read);
      System.exit(read >= count ? 0 : 1);
    }
  }
}
