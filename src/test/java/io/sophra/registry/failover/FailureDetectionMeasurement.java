package io.sophra.registry.failover;

import io.sophra.registry.failover.ApiClient.Answer;
import io.sophra.registry.failover.RegistryProcesses.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Whether a heartbeat timeout causes false suspicions on a busy machine: three registry processes
 * (MODEL_REGISTRY_CLUSTER_SIZE=3) with a given MODEL_REGISTRY_HEARTBEAT_TIMEOUT, under CPU burners
 * in this JVM (more busy threads than cores), writes through every node, and a full GC forced in a
 * random node every few seconds ({@code jcmd <pid> GC.run}); then every "Suspecting Member" line in
 * the nodes' logs is a false suspicion (no node was stopped or cut off). Also records how late a
 * 100 ms sleep woke on the machine (the scheduling delay a heartbeat thread may meet). A
 * measurement, not a test: its name keeps it out of the normal run; run it by hand (figures in
 * target/failure-detection.txt):
 *
 * <pre>mvn -B -q verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=FailureDetectionMeasurement -Dtimeouts=3s,5s,10s -Dseconds=120 -Dburners=4</pre>
 */
@DisplayName("False suspicions under load (a measurement run by hand)")
class FailureDetectionMeasurement {

  private final ApiClient api = new ApiClient();

  @Test
  @DisplayName("Counts suspicions of members that never failed, per heartbeat timeout, under CPU load and forced full GCs")
  void measure() throws Exception {
    Path report = Path.of("target", "failure-detection.txt");
    int seconds = Integer.getInteger("seconds", 120);
    int burners = Integer.getInteger("burners", 4);
    Files.writeString(report, "JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
        + " CPUs, load average at start " + loadAverage() + ", " + burners + " CPU burner threads, a full GC every 3 s,"
        + " " + seconds + " s per run\n");
    for (String timeout : System.getProperty("timeouts", "3s,5s,10s").split(",")) {
      String line = run(timeout.trim(), seconds, burners);
      Files.writeString(report, line + "\n", StandardOpenOption.APPEND);
      System.out.println("FAILURE-DETECTION: " + line);
    }
    System.out.println(Files.readString(report));
  }

  private String run(String timeout, int seconds, int burners) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong worstOversleep = new AtomicLong();
    AtomicLong gcs = new AtomicLong();
    AtomicLong worstGcMillis = new AtomicLong();
    try (RegistryProcesses processes = new RegistryProcesses(Path.of("target", "failure-detection-" + timeout))) {
      List<Node> nodes = processes.startNodes(List.of("127.0.0.1", "127.0.0.1", "127.0.0.1"),
          Map.of("MODEL_REGISTRY_CLUSTER_SIZE", "3", "MODEL_REGISTRY_HEARTBEAT_TIMEOUT", timeout), true);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < burners; i++) {
        threads.add(new Thread(() -> burn(stop), "burner-" + i));
      }
      threads.add(new Thread(() -> sleepProbe(stop, worstOversleep), "sleep-probe"));
      threads.add(new Thread(() -> forceGcs(stop, nodes, gcs, worstGcMillis), "gc"));
      for (Node node : nodes) {
        threads.add(new Thread(() -> write(stop, node), "writer-" + node.index()));
      }
      threads.forEach(Thread::start);
      Thread.sleep(Duration.ofSeconds(seconds).toMillis());
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }
      long suspicions = 0;
      for (Node node : nodes) {
        suspicions += Files.readString(node.log()).lines().filter(line -> line.contains("Suspecting Member")).count();
      }
      return String.format("heartbeat timeout %s: false suspicions %d in %d s; full GCs forced %d (longest jcmd GC.run"
              + " %d ms); longest oversleep of a 100 ms sleep on the machine %d ms; load average after %s",
          timeout, suspicions, seconds, gcs.get(), worstGcMillis.get(), worstOversleep.get(), loadAverage());
    }
  }

  private static void burn(AtomicBoolean stop) {
    long sink = 0;
    while (!stop.get()) {
      for (int i = 0; i < 1_000_000; i++) {
        sink += i * 31L ^ sink;
      }
    }
    if (sink == 42) {
      System.out.println(sink);
    }
  }

  private static void sleepProbe(AtomicBoolean stop, AtomicLong worst) {
    while (!stop.get()) {
      long before = System.nanoTime();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      long over = (System.nanoTime() - before) / 1_000_000 - 100;
      worst.accumulateAndGet(over, Math::max);
    }
  }

  private static void forceGcs(AtomicBoolean stop, List<Node> nodes, AtomicLong count, AtomicLong worst) {
    while (!stop.get()) {
      Node node = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
      long before = System.nanoTime();
      try {
        Process jcmd = new ProcessBuilder("jcmd", String.valueOf(node.process().pid()), "GC.run")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        jcmd.waitFor();
        count.incrementAndGet();
        worst.accumulateAndGet((System.nanoTime() - before) / 1_000_000, Math::max);
        Thread.sleep(3000);
      } catch (IOException e) {
        throw new IllegalStateException("jcmd is needed to force full GCs", e);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void write(AtomicBoolean stop, Node node) {
    int next = 0;
    while (!stop.get()) {
      long start = System.nanoTime();
      String id = "fd-" + node.index() + "-" + next++;
      Answer answer = api.send(node.url(), "POST", "/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\","
          + "\"version\":\"1\",\"parameters\":{\"padding\":\"" + "x".repeat(2000) + "\"}}");
      if (answer.status() == 201) {
        api.send(node.url(), "DELETE", "/v1/models/" + id, null);
      }
      ApiClient.pace(start, 50);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
