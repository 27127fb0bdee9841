package dev.skein.examples.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Proves what a Streams app's output topic holds for the numbered events FIRST_ID..FIRST_ID+COUNT-1, reading it
 * from the beginning with {@code isolation.level=read_committed} (so an aborted transaction's records never count).
 * It keeps reading until the output is complete and it has reached the end offsets, or until WAIT_MS have passed.
 *
 * <ul>
 *   <li>{@code filter EVENT_TYPE}: the output of StreamFilterByEvent must hold every event of that type exactly
 *       once. Prints {@code CHECK expected=E received=R distinct=D missing=M duplicates=U unexpected=X}, then
 *       {@code MISSING_IDS} and {@code DUPLICATE_IDS} with up to 20 ids each.
 *   <li>{@code counts}: the latest count per user in EventCountByUser's output must be the number of events of that
 *       user. Prints {@code COUNT <user> expected=E actual=A} per user and {@code CHECK users=N right=R wrong=W}.
 * </ul>
 *
 * <pre>StreamsOutputChecker 127.0.0.1:9092 filter output_topic 0 100000 purchase 120000
 * StreamsOutputChecker 127.0.0.1:9092 counts event_counts 0 100000 60000</pre>
 */
public final class StreamsOutputChecker {
  private static final String USAGE = "usage: StreamsOutputChecker BOOTSTRAP filter TOPIC FIRST_ID COUNT EVENT_TYPE [WAIT_MS]\n"
      + "       StreamsOutputChecker BOOTSTRAP counts TOPIC FIRST_ID COUNT [WAIT_MS]";

  public static void main(String[] args) {
    if (args.length < 5 || !(args[1].equals("filter") || args[1].equals("counts")) || (args[1].equals("filter") && args.length < 6)) {
      System.err.println(USAGE);
      System.exit(2);
    }
    String topic = args[2];
    long first = Long.parseLong(args[3]);
    long count = Long.parseLong(args[4]);
    boolean filter = args[1].equals("filter");
    int waitArg = filter ? 6 : 5;
    long waitMs = args.length > waitArg ? Long.parseLong(args[waitArg]) : 0;
    Check check = filter ? new FilterCheck(first, count, args[5]) : new CountCheck(first, count);

    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
          .map(info -> new TopicPartition(topic, info.partition()))
          .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.currentTimeMillis() + waitMs;
      for (;;) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) check.accept(record);
        boolean atEnd = true;
        for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions).entrySet()) {
          if (consumer.position(end.getKey()) < end.getValue()) atEnd = false;
        }
        if (atEnd && (check.complete() || System.currentTimeMillis() >= deadline)) break;
      }
    }
    check.report();
  }

  private interface Check {
    void accept(ConsumerRecord<String, String> record);

    boolean complete();

    void report();
  }

  /** Each event of one type exactly once. */
  private static final class FilterCheck implements Check {
    private final long first;
    private final long count;
    private final String type;
    private final Map<Long, Integer> seen = new HashMap<>();
    private long expected;
    private long received;
    private long unexpected;

    FilterCheck(long first, long count, String type) {
      this.first = first;
      this.count = count;
      this.type = type;
      for (long id = first; id < first + count; id++) if (Events.typeOf(id).equals(type)) expected++;
    }

    @Override
    public void accept(ConsumerRecord<String, String> record) {
      received++;
      long id = Events.id(record.value());
      boolean ours = id >= first && id < first + count && Events.typeOf(id).equals(type)
          && type.equals(Events.field(record.value(), "event")) && Events.userOf(id).equals(record.key());
      if (ours) seen.merge(id, 1, Integer::sum);
      else unexpected++;
    }

    @Override
    public boolean complete() {
      return seen.size() == expected;
    }

    @Override
    public void report() {
      List<Long> missing = new ArrayList<>();
      for (long id = first; id < first + count && missing.size() < 20; id++) {
        if (Events.typeOf(id).equals(type) && !seen.containsKey(id)) missing.add(id);
      }
      long duplicates = seen.values().stream().mapToLong(times -> times - 1).sum();
      List<Long> duplicated = seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().limit(20).collect(Collectors.toList());
      StreamsRunner.print("CHECK expected=" + expected + " received=" + received + " distinct=" + seen.size()
          + " missing=" + (expected - seen.size()) + " duplicates=" + duplicates + " unexpected=" + unexpected);
      StreamsRunner.print("MISSING_IDS" + join(missing));
      StreamsRunner.print("DUPLICATE_IDS" + join(duplicated));
    }
  }

  /** The latest count per user equals that user's number of events. */
  private static final class CountCheck implements Check {
    private final Map<String, Long> expected = new TreeMap<>();
    private final Map<String, Long> latest = new HashMap<>();

    CountCheck(long first, long count) {
      for (long id = first; id < first + count; id++) expected.merge(Events.userOf(id), 1L, Long::sum);
    }

    @Override
    public void accept(ConsumerRecord<String, String> record) {
      latest.put(record.key(), Long.parseLong(record.value()));
    }

    @Override
    public boolean complete() {
      return expected.entrySet().stream().allMatch(e -> e.getValue().equals(latest.get(e.getKey())));
    }

    @Override
    public void report() {
      long right = 0;
      for (Map.Entry<String, Long> user : expected.entrySet()) {
        Long actual = latest.get(user.getKey());
        if (user.getValue().equals(actual)) right++;
        StreamsRunner.print("COUNT " + user.getKey() + " expected=" + user.getValue() + " actual=" + (actual == null ? "none" : actual));
      }
      long strangers = latest.keySet().stream().filter(user -> !expected.containsKey(user)).count();
      StreamsRunner.print("CHECK users=" + expected.size() + " right=" + right + " wrong=" + (expected.size() - right) + " unexpected=" + strangers);
    }
  }

  private static String join(List<Long> ids) {
    return ids.stream().map(id -> " " + id).collect(Collectors.joining());
  }
}
