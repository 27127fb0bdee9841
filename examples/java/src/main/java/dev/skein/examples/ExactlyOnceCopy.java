package dev.skein.examples;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's consume-transform-produce loop with exactly-once (KIP-98, KIP-447): a read_committed group member reads
 * INPUT, and for each poll one transaction writes every value upper-cased to OUTPUT and commits the consumed offsets
 * with {@code sendOffsetsToTransaction} (AddOffsetsToTxn, TxnOffsetCommit with the group's generation). Stops after
 * COUNT records; prints {@code TXN <records>} per transaction and {@code COPIED <count>}.
 */
public final class ExactlyOnceCopy {
  public static void main(String[] args) {
    String usage = "ExactlyOnceCopy BOOTSTRAP INPUT OUTPUT GROUP TRANSACTIONAL_ID COUNT";
    String bootstrap = Demo.arg(args, 0, usage);
    String input = Demo.arg(args, 1, usage);
    String output = Demo.arg(args, 2, usage);
    String group = Demo.arg(args, 3, usage);
    String transactionalId = Demo.arg(args, 4, usage);
    int count = Integer.parseInt(Demo.arg(args, 5, usage));
    var consumerProperties = Demo.consumerProperties(bootstrap, group);
    consumerProperties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    var producerProperties = Demo.producerProperties(bootstrap);
    producerProperties.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    int copied = 0;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties);
        KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties)) {
      producer.initTransactions();
      consumer.subscribe(List.of(input));
      long deadline = System.currentTimeMillis() + 120_000;
      while (copied < count && System.currentTimeMillis() < deadline) {
        var records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) continue;
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (var record : records) {
          producer.send(new ProducerRecord<>(output, record.key(), record.value().toUpperCase()));
          offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        copied += records.count();
        Demo.print("TXN " + records.count());
      }
    }
    Demo.print("COPIED " + copied);
    System.exit(copied >= count ? 0 : 1);
  }
}
