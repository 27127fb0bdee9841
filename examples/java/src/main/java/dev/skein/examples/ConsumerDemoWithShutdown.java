package dev.skein.examples;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The course's consumer in a group, with a clean shutdown: it subscribes, prints each record, commits after each poll,
 * reports every rebalance, and on SIGTERM/SIGINT wakes the poll loop, commits, leaves the group and closes.
 * Several instances with the same group split the topic's partitions and rebalance when one starts or stops.
 *
 * <p>Prints {@code ASSIGNMENT <partitions>} (the whole current assignment) after every rebalance,
 * {@code REVOKED <partitions>}, {@code RECORD <partition> <offset> <key> <value>}, {@code COMMITTED <p>=<offset>,...}
 * and {@code CLOSED} at the end. With a fourth argument {@code cooperative} it uses the CooperativeStickyAssignor.
 */
public final class ConsumerDemoWithShutdown {
  public static void main(String[] args) throws InterruptedException {
    String usage = "ConsumerDemoWithShutdown BOOTSTRAP TOPIC GROUP [cooperative]";
    String bootstrap = Demo.arg(args, 0, usage);
    String topic = Demo.arg(args, 1, usage);
    String group = Demo.arg(args, 2, usage);
    var properties = Demo.consumerProperties(bootstrap, group);
    if (args.length > 3 && args[3].equals("cooperative")) {
      properties.setProperty(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties);
    Thread mainThread = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      consumer.wakeup();
      try {
        mainThread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));

    try {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          if (!partitions.isEmpty()) Demo.print("REVOKED " + Demo.partitions(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          Demo.print("ASSIGNMENT " + Demo.partitions(consumer.assignment()));
        }
      });
      while (true) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) continue;
        var next = new TreeMap<Integer, Long>();
        for (ConsumerRecord<String, String> record : records) {
          Demo.print("RECORD " + record.partition() + " " + record.offset() + " " + record.key() + " " + record.value());
          next.put(record.partition(), record.offset() + 1);
        }
        consumer.commitSync();
        var committed = new StringBuilder();
        next.forEach((partition, offset) -> committed.append(committed.isEmpty() ? "" : ",").append(partition).append('=').append(offset));
        Demo.print("COMMITTED " + committed);
      }
    } catch (WakeupException e) {
      // The shutdown hook woke the poll: fall through to close.
    } finally {
      consumer.close();
      Demo.print("CLOSED");
    }
  }
}
