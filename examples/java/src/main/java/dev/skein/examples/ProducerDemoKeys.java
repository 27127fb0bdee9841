package dev.skein.examples;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The course's producer with keys: the same ten keys sent in two rounds land on the same partitions, the one the
 * default partitioner picks from murmur2 of the key. Prints {@code KEY <key> PARTITION <p> OFFSET <o>} per record.
 */
public final class ProducerDemoKeys {
  public static void main(String[] args) throws Exception {
    String usage = "ProducerDemoKeys BOOTSTRAP TOPIC";
    String bootstrap = Demo.arg(args, 0, usage);
    String topic = Demo.arg(args, 1, usage);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Demo.producerProperties(bootstrap))) {
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 10; i++) {
          String key = "id_" + i;
          // Waiting for each acknowledgement keeps the printed lines in send order.
          var metadata = producer.send(new ProducerRecord<>(topic, key, "hello world " + i)).get();
          Demo.print("KEY " + key + " PARTITION " + metadata.partition() + " OFFSET " + metadata.offset());
        }
      }
    }
  }
}
