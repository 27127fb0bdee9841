package dev.skein.examples;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.PropertySourcesPlaceholderConfigurer;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The same chapter with spring-kafka, without Spring Boot: a {@link KafkaTemplate} sends COUNT keyed records and a
 * {@code @KafkaListener} in group GROUP receives them. Prints {@code SENT <key> <partition> <offset>} per record the
 * template sent, {@code LISTENER <partition> <offset> <key> <value>} per record the listener got, then
 * {@code RECEIVED <count>}.
 */
public final class SpringKafkaDemo {
  static int expected;

  @Configuration
  @EnableKafka
  static class KafkaConfig {
    @Bean
    static PropertySourcesPlaceholderConfigurer placeholders() {
      return new PropertySourcesPlaceholderConfigurer();
    }

    @Bean
    KafkaTemplate<String, String> kafkaTemplate(Environment environment) {
      Map<String, Object> config = new HashMap<>();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty("demo.bootstrap"));
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
      return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory(Environment environment) {
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getProperty("demo.bootstrap"));
      config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
      config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      var factory = new ConcurrentKafkaListenerContainerFactory<String, String>();
      factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
      return factory;
    }

    @Bean
    Listener listener() {
      return new Listener();
    }
  }

  static class Listener {
    final CountDownLatch all = new CountDownLatch(expected);

    @KafkaListener(id = "skein-demo", topics = "${demo.topic}", groupId = "${demo.group}")
    void listen(ConsumerRecord<String, String> record) {
      Demo.print("LISTENER " + record.partition() + " " + record.offset() + " " + record.key() + " " + record.value());
      all.countDown();
    }
  }

  public static void main(String[] args) throws Exception {
    String usage = "SpringKafkaDemo BOOTSTRAP TOPIC GROUP COUNT";
    String bootstrap = Demo.arg(args, 0, usage);
    String topic = Demo.arg(args, 1, usage);
    String group = Demo.arg(args, 2, usage);
    expected = Integer.parseInt(Demo.arg(args, 3, usage));

    var context = new AnnotationConfigApplicationContext();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("demo",
        Map.of("demo.bootstrap", bootstrap, "demo.topic", topic, "demo.group", group)));
    context.register(KafkaConfig.class);
    context.refresh();
    try {
      @SuppressWarnings("unchecked")
      KafkaTemplate<String, String> template = context.getBean(KafkaTemplate.class);
      for (int i = 0; i < expected; i++) {
        var result = template.send(topic, "spring-" + i, "spring value " + i).get(60, TimeUnit.SECONDS);
        Demo.print("SENT spring-" + i + " " + result.getRecordMetadata().partition() + " " + result.getRecordMetadata().offset());
      }
      boolean all = context.getBean(Listener.class).all.await(90, TimeUnit.SECONDS);
      Demo.print(all ? "RECEIVED " + expected : "TIMEOUT");
      if (!all) System.exit(1);
    } finally {
      context.close();
    }
  }
}
