package dev.skein.examples.streams;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Runs a topology until SIGTERM or SIGINT, printing one machine-checkable line per event on standard output:
 * {@code STATE <state>} at each state change, {@code RESTORED <store> <topic-partition> <records>} when a state
 * store has been restored from its changelog, {@code PROCESSED <n>} every 10,000 input records, {@code ERROR ...}
 * for a stream thread's exception (the thread is replaced: a broker that restarts must not end the app), and
 * {@code CLOSED} after a clean shutdown.
 */
final class StreamsRunner {
  static final long PROGRESS_EVERY = 10_000;

  private final AtomicLong processed = new AtomicLong();

  /** Counts an input record, printing progress every {@link #PROGRESS_EVERY}. */
  void countInput() {
    long n = processed.incrementAndGet();
    if (n % PROGRESS_EVERY == 0) print("PROCESSED " + n);
  }

  /** Starts the topology and blocks until the process is asked to stop. */
  void run(Topology topology, AppOptions options) throws InterruptedException {
    print("TOPOLOGY " + options.applicationId + " " + options.guarantee);
    System.err.println(topology.describe());
    KafkaStreams streams = new KafkaStreams(topology, options.streamsProperties());
    streams.setStateListener((newState, oldState) -> print("STATE " + newState));
    streams.setGlobalStateRestoreListener(new PrintingRestoreListener());
    streams.setUncaughtExceptionHandler(exception -> {
      print("ERROR " + exception);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(30));
      print("CLOSED");
      stopped.countDown();
    }, "streams-shutdown"));
    streams.start();
    stopped.await();
  }

  /** Prints one line on standard output at once: the tests read them while the app runs. */
  static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static final class PrintingRestoreListener implements StateRestoreListener {
    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
      print("RESTORING " + store + " " + partition + " " + startingOffset + ".." + endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {}

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
      print("RESTORED " + store + " " + partition + " " + totalRestored);
    }
  }
}
