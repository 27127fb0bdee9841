package dev.skein.examples;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;

/**
 * A transactional producer (transactional.id set: idempotent, acks=all): TRANSACTIONS transactions of RECORDS records
 * each, values {@code txn-<t>-<r>} spread over the topic's partitions by key. Every ABORT_EVERY-th transaction (0:
 * none) is aborted after its records reached the broker, the others committed. Prints {@code BEGIN <t>}, then {@code COMMITTED <t>} or {@code ABORTED <t>}
 * once the broker answered, then {@code DONE}. A read_committed consumer must see exactly the committed records.
 * With FIRST (default 0) the transactions are numbered from there: a restarted run goes on where a killed one stopped.
 */
public final class TransactionalProducer {
  public static void main(String[] args) throws Exception {
    String usage = "TransactionalProducer BOOTSTRAP TOPIC TRANSACTIONAL_ID TRANSACTIONS RECORDS [ABORT_EVERY] [FIRST] [PAUSE_MS]";
    String bootstrap = Demo.arg(args, 0, usage);
    String topic = Demo.arg(args, 1, usage);
    String transactionalId = Demo.arg(args, 2, usage);
    int transactions = Integer.parseInt(Demo.arg(args, 3, usage));
    int records = Integer.parseInt(Demo.arg(args, 4, usage));
    int abortEvery = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    int first = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    long pauseMs = args.length > 7 ? Long.parseLong(args[7]) : 0;
    var properties = Demo.producerProperties(bootstrap);
    properties.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    properties.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      producer.initTransactions();
      for (int t = first; t < first + transactions; t++) {
        producer.beginTransaction();
        Demo.print("BEGIN " + t);
        for (int r = 0; r < records; r++) producer.send(new ProducerRecord<>(topic, "key-" + r, "txn-" + t + "-" + r));
        if (abortEvery > 0 && (t + 1) % abortEvery == 0) {
          // Flushed first, so that the aborted records really are in the log (an abort drops what was not sent).
          producer.flush();
          producer.abortTransaction();
          Demo.print("ABORTED " + t);
        } else {
          producer.commitTransaction();
          Demo.print("COMMITTED " + t);
        }
        if (pauseMs > 0) Thread.sleep(pauseMs);
      }
    } catch (ProducerFencedException e) {
      Demo.print("FENCED " + e.getMessage());
      System.exit(3);
    }
    Demo.print("DONE");
  }
}
