// Sends two records with Apache Kafka's Java producer (idempotent by default: InitProducerId first), for
// capture-client-frames.mjs. Run with the source launcher: java -cp 'lib/*' GoldenProducer.java HOST:PORT TOPIC CLIENT_ID
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class GoldenProducer {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", args[0]);
    props.put("client.id", args[2]);
    props.put("acks", "all");
    props.put("linger.ms", "5");
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(args[1], "k1", "hello from java"));
      producer.send(new ProducerRecord<>(args[1], "k2", "second")).get();
    }
  }
}
