package dev.skein.examples;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The course's producer with a callback: keyless records, and for each one the metadata the broker acknowledged.
 * Prints {@code ACK <topic> <partition> <offset> <timestamp>} per record, then {@code DONE <count>}.
 */
public final class ProducerDemoWithCallback {
  public static void main(String[] args) {
    String usage = "ProducerDemoWithCallback BOOTSTRAP TOPIC COUNT";
    String bootstrap = Demo.arg(args, 0, usage);
    String topic = Demo.arg(args, 1, usage);
    int count = Integer.parseInt(Demo.arg(args, 2, usage));
    int[] failures = {0};
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Demo.producerProperties(bootstrap))) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "hello world " + i), (metadata, exception) -> {
          if (exception != null) {
            failures[0]++;
            Demo.print("FAILED " + exception);
          } else {
            Demo.print("ACK " + metadata.topic() + " " + metadata.partition() + " " + metadata.offset() + " " + metadata.timestamp());
          }
        });
      }
      producer.flush();
    }
    Demo.print("DONE " + count);
    System.exit(failures[0] == 0 ? 0 : 1);
  }
}
