package io.sophra.registry.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.failover.ApiClient.Answer;
import io.sophra.registry.failover.RegistryProcesses.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three registry processes on 127.0.0.2, 127.0.0.3 and 127.0.0.4 with MODEL_REGISTRY_CLUSTER_SIZE=3;
 * a writer through every node registers, updates and deletes its own models and records each
 * acknowledged write. One node is cut off with iptables while all write on; then the network heals
 * and the sides merge. No acknowledged write may be lost (a deletion included), all nodes must agree,
 * and the cut-off node must have refused every write (503, never 2xx) and reported not ready.
 */
@DisplayName("A network split: one of three nodes cut off with iptables, then healed")
class PartitionIT {

  private static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
  private static final Duration BEFORE_CUT = Duration.ofSeconds(5);
  private static final Duration SPLIT_AFTER_REMOVAL = Duration.ofSeconds(4);
  private static final Duration AFTER_MERGE = Duration.ofSeconds(3);
  private static final Duration DETECTION_LIMIT = Duration.ofSeconds(30);
  private static final Duration MERGE_LIMIT = Duration.ofSeconds(90);
  private static final long PACE_MILLIS = 40;
  private static final int KEPT = 5;

  private final ApiClient api = new ApiClient();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Writer> writers = new ArrayList<>();
  private final Map<Integer, AtomicInteger> isolatedReads = new ConcurrentHashMap<>();
  private final Queue<String> refused = new ConcurrentLinkedQueue<>();
  private volatile long cutAt = Long.MAX_VALUE;
  private volatile long healedAt = Long.MAX_VALUE;

  @Test
  @DisplayName("Loses no acknowledged write; the cut-off node answers 503 for writes and readiness; all nodes agree after the merge")
  void splitLosesNoAcknowledgedWrite() throws Exception {
    Path jar = Path.of("target", "model-registry.jar");
    assertThat(jar).as("the runnable jar (mvn package builds it before the integration tests)").exists();
    long started = System.nanoTime();
    try (NetworkCut cut = NetworkCut.create();
         RegistryProcesses processes = new RegistryProcesses(Path.of("target", "partition-it"))) {
      List<Node> nodes = processes.startNodes(HOSTS, Map.of("MODEL_REGISTRY_CLUSTER_SIZE", "3"), true);
      Node isolated = nodes.get(0);
      List<Node> majority = nodes.subList(1, 3);
      long startedNodes = System.nanoTime();

      List<Thread> threads = new ArrayList<>();
      for (Node node : nodes) {
        Writer writer = new Writer(node);
        writers.add(writer);
        threads.add(new Thread(writer, "writer-" + node.host()));
      }
      threads.add(new Thread(() -> readThrough(isolated), "reader-" + isolated.host()));
      threads.forEach(Thread::start);
      Thread.sleep(BEFORE_CUT.toMillis());
      assertThat(writers).allSatisfy(writer -> assertThat(writer.acknowledged).isNotEmpty());

      long isolatedAloneBefore = NodeLogs.lines(isolated.log(), "Members {size:1,");
      long majorityPairBefore = NodeLogs.lines(majority.get(0).log(), "Members {size:2,");
      cut.isolate(isolated, majority);
      cutAt = System.nanoTime();
      long detectedAt = awaitStatus(isolated.url() + "/health/ready", 503, DETECTION_LIMIT, "the cut-off node to turn not ready");
      String readiness = body(isolated.url() + "/health/ready");
      ReadinessWatch watch = new ReadinessWatch(isolated);
      Thread watching = new Thread(watch, "readiness-" + isolated.host());
      watching.start();
      long isolatedAloneAt = NodeLogs.awaitLine(isolated.log(), "Members {size:1,", isolatedAloneBefore, DETECTION_LIMIT,
          "the cut-off node to remove the others");
      long majorityPairAt = NodeLogs.awaitLine(majority.get(0).log(), "Members {size:2,", majorityPairBefore,
          DETECTION_LIMIT, "the majority to remove the cut-off node");
      Thread.sleep(SPLIT_AFTER_REMOVAL.toMillis());
      watch.stop.set(true);
      watching.join();

      int rulesBeforeHeal = cut.rules();
      cut.heal();
      healedAt = System.nanoTime();
      long mergedAt = awaitStatus(isolated.url() + "/health/ready", 200, MERGE_LIMIT, "the cut-off node to merge back");
      Thread.sleep(AFTER_MERGE.toMillis());
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }

      Map<String, String> agreed = ModelListings.awaitAgreement(api, nodes, Duration.ofSeconds(30));
      int lost = 0;
      List<String> lostWrites = new ArrayList<>();
      for (Writer writer : writers) {
        for (Map.Entry<String, Long> write : writer.acknowledged.entrySet()) {
          for (Node node : nodes) {
            Answer read = api.send(node.url(), "GET", "/v1/models/" + write.getKey(), null);
            if (read.status() != 200 || read.json().getLong("revision") < write.getValue()) {
              lost++;
              lostWrites.add(write.getKey() + "@" + write.getValue() + " on " + node.host() + ": " + read);
            }
          }
        }
        for (String id : writer.deleted) {
          for (Node node : nodes) {
            Answer read = api.send(node.url(), "GET", "/v1/models/" + id, null);
            if (read.status() != 404) {
              lost++;
              lostWrites.add("deleted " + id + " is back on " + node.host() + ": " + read);
            }
          }
        }
      }
      Writer cutOff = writers.get(0);
      long afterMergeRemovals = NodeLogs.mentions(isolated.log(), "deleted on the other side of the split; removed again");
      System.out.printf("PARTITION: nodes ready %d s after launch; cut %s off after %d s of writes; it turned not ready"
              + " %d ms after the cut (%s), removed the others %d ms after the cut, and the majority removed it %d ms after"
              + " the cut; rules in the chain %d; healed %d ms after the cut; merged (ready again) %d ms"
              + " after the heal; writes acknowledged %s, unknown outcome (503 or no answer) %s, refused through the"
              + " cut-off node while cut %s (statuses %s); its readiness while split %s; reads through it while cut %s;"
              + " models put back by the merge and removed again %d; models held after the merge %d; lost %d; whole"
              + " test %d s%n",
          (startedNodes - started) / 1_000_000_000, isolated.host(), BEFORE_CUT.toSeconds(), (detectedAt - cutAt) / 1_000_000,
          readiness, (isolatedAloneAt - cutAt) / 1_000_000, (majorityPairAt - cutAt) / 1_000_000, rulesBeforeHeal,
          (healedAt - cutAt) / 1_000_000, (mergedAt - healedAt) / 1_000_000,
          writers.stream().map(writer -> writer.node.host() + "=" + writer.acknowledgedWrites.get()).toList(),
          writers.stream().map(writer -> writer.node.host() + "=" + writer.unknown.get()).toList(),
          cutOff.whileCut.values().stream().mapToInt(AtomicInteger::get).sum(), cutOff.whileCut, watch.statuses,
          isolatedReads, afterMergeRemovals, agreed.size(), lost, (System.nanoTime() - started) / 1_000_000_000);

      assertThat(refused).as("writes refused with a 4xx, reads answered 404 (a lost or doubled model)").isEmpty();
      assertThat(lostWrites).as("acknowledged writes missing, older, or deleted models back, after the merge").isEmpty();
      assertThat(cutOff.whileCut.keySet()).as("statuses of writes through the cut-off node while cut").containsOnly(503);
      assertThat(cutOff.whileCut.get(503)).as("writes attempted through the cut-off node while cut").isNotNull();
      assertThat(readiness).contains("no-quorum");
      assertThat(watch.statuses.keySet()).as("readiness of the cut-off node after it noticed, until the heal").containsOnly(503);
      assertThat(isolatedReads.keySet()).as("reads through the cut-off node of models that exist: never 404")
          .doesNotContain(404);
      for (Writer writer : writers.subList(1, 3)) {
        assertThat(writer.acknowledgedWhileSplit.get()).as("writes acknowledged by the majority during the split")
            .isPositive();
      }
    }
  }

  /** Registers, updates and deletes models of its own through one node, recording what was acknowledged. */
  private final class Writer implements Runnable {
    private final Node node;
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** Its first models, never deleted: reads of them must never answer 404. */
    private final Set<String> kept = ConcurrentHashMap.newKeySet();
    private final Map<Integer, AtomicInteger> whileCut = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledgedWrites = new AtomicInteger();
    private final AtomicInteger acknowledgedWhileSplit = new AtomicInteger();
    private final AtomicInteger unknown = new AtomicInteger();

    Writer(Node node) {
      this.node = node;
    }

    @Override
    public void run() {
      List<String> mine = new ArrayList<>();
      int next = 0;
      while (!stop.get()) {
        long start = System.nanoTime();
        int dice = ThreadLocalRandom.current().nextInt(10);
        if (mine.size() < 5 || dice < 3) {
          String id = "pt-" + node.index() + "-" + next++;
          Answer answer = api.send(node.url(), "POST", "/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}");
          if (outcome(answer, id, start)) {
            acknowledged.put(id, answer.json().getLong("revision"));
            if (kept.size() < KEPT) {
              kept.add(id);
            } else {
              mine.add(id);
            }
          }
        } else if (dice < 8) {
          String id = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
          Answer answer = api.send(node.url(), "PATCH", "/v1/models/" + id, "{\"metadata\":{\"n\":" + start + "}}");
          if (outcome(answer, id, start)) {
            acknowledged.merge(id, answer.json().getLong("revision"), Math::max);
          }
        } else {
          String id = mine.remove(ThreadLocalRandom.current().nextInt(mine.size()));
          Answer answer = api.send(node.url(), "DELETE", "/v1/models/" + id, null);
          // deleted or not, it is no longer checked as present; only an acknowledged deletion must last
          acknowledged.remove(id);
          if (outcome(answer, id, start)) {
            deleted.add(id);
          }
        }
        ApiClient.pace(start, PACE_MILLIS);
      }
    }

    /** Counts the answer; true when the write was acknowledged (2xx), false when its outcome is unknown (5xx, none). */
    private boolean outcome(Answer answer, String id, long start) {
      boolean split = start > cutAt && start < healedAt;
      if (split && node.index() == 0) {
        whileCut.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
      }
      if (answer.status() / 100 == 2) {
        acknowledgedWrites.incrementAndGet();
        if (split) {
          acknowledgedWhileSplit.incrementAndGet();
        }
        return true;
      }
      if (answer.status() > 0 && answer.status() < 500) {
        refused.add(node.host() + " " + id + ": " + answer);
        return false;
      }
      unknown.incrementAndGet();
      return false;
    }
  }

  /** Reads, through the node that will be cut off, models its own writer keeps (they exist throughout). */
  private void readThrough(Node isolated) {
    while (!stop.get()) {
      long start = System.nanoTime();
      List<String> ids = List.copyOf(writers.get(0).kept);
      if (!ids.isEmpty() && start > cutAt && start < healedAt) {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        Answer read = api.send(isolated.url(), "GET", "/v1/models/" + id, null);
        isolatedReads.computeIfAbsent(read.status(), status -> new AtomicInteger()).incrementAndGet();
        if (read.status() == 404) {
          refused.add("read " + id + " through " + isolated.host() + " " + (start - cutAt) / 1_000_000
              + " ms after the cut: " + read);
        }
      }
      ApiClient.pace(start, PACE_MILLIS);
    }
  }

  /** Polls a node's readiness until stopped, counting the statuses. */
  private final class ReadinessWatch implements Runnable {
    private final Node node;
    private final Map<Integer, AtomicInteger> statuses = new TreeMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();

    ReadinessWatch(Node node) {
      this.node = node;
    }

    @Override
    public void run() {
      while (!stop.get()) {
        int status = RegistryProcesses.status(node.url() + "/health/ready");
        synchronized (statuses) {
          statuses.computeIfAbsent(status, key -> new AtomicInteger()).incrementAndGet();
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private long awaitStatus(String url, int expected, Duration limit, String what) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (RegistryProcesses.status(url) != expected) {
      if (System.nanoTime() > until) {
        throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + " (" + url + " != " + expected + ")");
      }
      Thread.sleep(100);
    }
    return System.nanoTime();
  }

  private String body(String url) {
    return api.send(url, "GET", "", null).body();
  }

}
