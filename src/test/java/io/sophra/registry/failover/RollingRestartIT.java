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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three registry processes (MODEL_REGISTRY_CLUSTER_SIZE=3, a 2 s drain) behind nginx, under steady
 * reads, updates and registrations through nginx, restarted one at a time with SIGTERM, each started
 * again and ready before the next is stopped. Not one request may fail, and no acknowledged write
 * may be lost.
 */
@DisplayName("Rolling restart of three registry processes behind nginx")
class RollingRestartIT {

  private static final Map<String, String> SETTINGS = Map.of("MODEL_REGISTRY_CLUSTER_SIZE", "3",
      "MODEL_REGISTRY_DRAIN_DELAY", "2s");
  private static final int SEEDED = 50;
  private static final int READERS = 4;
  private static final long READ_PACE_MILLIS = 20;
  private static final long UPDATE_PACE_MILLIS = 50;
  private static final long REGISTER_PACE_MILLIS = 500;
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private final ApiClient api = new ApiClient();
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private volatile long lastTerminationAt;
  private volatile String lastTerminated = "none";
  private String base;

  @Test
  @DisplayName("SIGTERM to each node in turn: no failed request, no lost write")
  void rollingRestartFailsNoRequest() throws Exception {
    long started = System.nanoTime();
    try (RegistryProcesses processes = new RegistryProcesses(Path.of("target", "rolling-restart-it"))) {
      List<Node> nodes = processes.startNodes(List.of("127.0.0.1", "127.0.0.1", "127.0.0.1"), SETTINGS, true);
      base = processes.startNginx();
      for (int i = 0; i < SEEDED; i++) {
        register("rr-seed-" + i);
      }
      assertThat(acknowledged).hasSize(SEEDED);

      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        threads.add(new Thread(this::read, "reader-" + i));
      }
      threads.add(new Thread(this::update, "updater"));
      threads.add(new Thread(this::registerSteadily, "registrar"));
      threads.forEach(Thread::start);
      Thread.sleep(SETTLE.toMillis());

      List<String> restarts = new ArrayList<>();
      for (Node node : nodes) {
        lastTerminated = "node " + node.index();
        lastTerminationAt = System.nanoTime();
        int exit = processes.terminate(node);
        long stoppedAfter = (System.nanoTime() - lastTerminationAt) / 1_000_000;
        processes.restart(node);
        long readyAfter = (System.nanoTime() - lastTerminationAt) / 1_000_000;
        restarts.add("node " + node.index() + ": exit " + exit + " after " + stoppedAfter + " ms, ready again after "
            + readyAfter + " ms");
        assertThat(exit).as("exit status after SIGTERM (128 + 15)").isEqualTo(143);
        Thread.sleep(SETTLE.toMillis());
      }
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }

      List<String> lost = new ArrayList<>();
      acknowledged.forEach((id, revision) -> {
        Answer read = api.send(base, "GET", "/v1/models/" + id, null);
        if (read.status() != 200 || read.json().getLong("revision") < revision) {
          lost.add(id + "@" + revision + ": " + read);
        }
      });
      System.out.printf("ROLLING-RESTART: %s; requests %s; failed %d %s; acknowledged models re-read %d, lost %d;"
              + " whole test %d s%n", restarts, requests, failures.size(), failures, acknowledged.size(), lost.size(),
          (System.nanoTime() - started) / 1_000_000_000);

      assertThat(failures).as("failed requests (method path status, ms after the last SIGTERM)").isEmpty();
      assertThat(lost).as("acknowledged writes missing or older afterwards").isEmpty();
      assertThat(requests.get("GET").get()).isGreaterThan(1000);
    }
  }

  private void read() {
    while (!stop.get()) {
      long start = System.nanoTime();
      List<String> ids = List.copyOf(acknowledged.keySet());
      String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
      check("GET", "/v1/models/" + id, api.send(base, "GET", "/v1/models/" + id, null), 200);
      ApiClient.pace(start, READ_PACE_MILLIS);
    }
  }

  private void update() {
    while (!stop.get()) {
      long start = System.nanoTime();
      List<String> ids = List.copyOf(acknowledged.keySet());
      String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
      Answer answer = api.send(base, "PATCH", "/v1/models/" + id, "{\"metadata\":{\"n\":" + start + "}}");
      if (check("PATCH", "/v1/models/" + id, answer, 200)) {
        acknowledged.merge(id, answer.json().getLong("revision"), Math::max);
      }
      ApiClient.pace(start, UPDATE_PACE_MILLIS);
    }
  }

  private void registerSteadily() {
    int next = 0;
    while (!stop.get()) {
      long start = System.nanoTime();
      register("rr-" + next++);
      ApiClient.pace(start, REGISTER_PACE_MILLIS);
    }
  }

  private void register(String id) {
    Answer answer = api.send(base, "POST", "/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}");
    if (check("POST", "/v1/models", answer, 201)) {
      acknowledged.put(id, answer.json().getLong("revision"));
    }
  }

  private boolean check(String method, String path, Answer answer, int expected) {
    requests.computeIfAbsent(method, key -> new AtomicInteger()).incrementAndGet();
    if (answer.status() == expected) {
      return true;
    }
    failures.add(method + " " + path + " " + answer.status() + " " + (System.nanoTime() - lastTerminationAt) / 1_000_000
        + " ms after SIGTERM to " + lastTerminated + ": " + answer.body());
    return false;
  }
}
