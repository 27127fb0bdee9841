package dev.skein.examples;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Leaves a transaction open: begins one, writes RECORDS records to partition 0, flushes, prints
 * {@code OPEN <first offset> <last offset>} and waits (a test SIGKILLs it). Until the transaction ends — by its
 * timeout (transaction.timeout.ms, 10 minutes here) or an administrator's abort — read_committed consumers of the
 * partition stop at its first offset: the "why is my consumer stuck" case.
 */
public final class OpenTransaction {
  public static void main(String[] args) throws Exception {
    String usage = "OpenTransaction BOOTSTRAP TOPIC TRANSACTIONAL_ID RECORDS";
    String bootstrap = Demo.arg(args, 0, usage);
    String topic = Demo.arg(args, 1, usage);
    String transactionalId = Demo.arg(args, 2, usage);
    int records = Integer.parseInt(Demo.arg(args, 3, usage));
    var properties = Demo.producerProperties(bootstrap);
    properties.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    properties.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "600000");
    KafkaProducer<String, String> producer = new KafkaProducer<>(properties);
    producer.initTransactions();
    producer.beginTransaction();
    long firstOffset = -1;
    long lastOffset = -1;
    for (int r = 0; r < records; r++) {
      var metadata = producer.send(new ProducerRecord<>(topic, 0, "open-" + r, "uncommitted-" + r)).get();
      if (firstOffset < 0) firstOffset = metadata.offset();
      lastOffset = metadata.offset();
    }
    producer.flush();
    Demo.print("OPEN " + firstOffset + " " + lastOffset);
    Thread.sleep(Long.MAX_VALUE);
  }
}
