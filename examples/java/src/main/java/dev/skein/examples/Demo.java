package dev.skein.examples;

import java.util.Collection;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the examples share: the client configurations of the course and how they print. */
final class Demo {
  private Demo() {}

  /** Producer properties with String keys and values; everything else is the client's default (idempotent, acks=all). */
  static Properties producerProperties(String bootstrap) {
    Properties properties = new Properties();
    properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return properties;
  }

  /** Consumer properties of a group member that reads from the earliest offset and commits by hand. */
  static Properties consumerProperties(String bootstrap, String groupId) {
    Properties properties = new Properties();
    properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    if (groupId != null) properties.setProperty(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    properties.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return properties;
  }

  /** Partitions as `0,1,2`, sorted (empty when none). */
  static String partitions(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).sorted().map(String::valueOf).collect(Collectors.joining(","));
  }

  /** Prints one line on standard output at once: the tests read them while the example runs. */
  static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** Reads argument i, or fails with the usage line. */
  static String arg(String[] args, int i, String usage) {
    if (args.length <= i) {
      System.err.println("usage: " + usage);
      System.exit(2);
    }
    return args[i];
  }
}
