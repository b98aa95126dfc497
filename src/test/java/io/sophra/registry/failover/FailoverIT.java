package io.sophra.registry.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.failover.RegistryProcesses.Node;
import io.sophra.registry.support.SseStream.Event;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three real registry processes behind a real nginx; writers register and update models through
 * nginx at a steady pace while one member is killed with SIGKILL. Every write that was acknowledged
 * (2xx) must be there afterwards with at least its acknowledged revision. A change-feed client
 * streams from the killed member; when its stream ends it reconnects through nginx with its last id,
 * and must have received every acknowledged write exactly once, with no gap in the sequences.
 */
@DisplayName("kill -9 of one of three registry processes behind nginx")
class FailoverIT {

  private static final Duration BEFORE_KILL = Duration.ofSeconds(5);
  private static final Duration AFTER_KILL = Duration.ofSeconds(12);
  private static final Duration READS_RECOVER_WITHIN = Duration.ofSeconds(10);
  private static final int WRITERS = 2;
  private static final long PACE_MILLIS = 20;

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final String token = TestTokens.admin();
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final Set<String> acknowledgedChanges = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<Long> unknownAt = new ConcurrentLinkedQueue<>();
  private final Map<Integer, Integer> unknownStatuses = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Long> readFailedAt = new ConcurrentLinkedQueue<>();
  private final AtomicInteger attempted = new AtomicInteger();
  private final AtomicInteger acknowledgedWrites = new AtomicInteger();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicBoolean stop = new AtomicBoolean();
  private volatile long killedAt = Long.MAX_VALUE;
  private String base;

  @Test
  @DisplayName("Loses no acknowledged write, reads through nginx succeed again within 10 s, and a feed stream on the killed member resumes through nginx missing nothing")
  void killLosesNoAcknowledgedWrite() throws Exception {
    long began = System.nanoTime();
    Path jar = Path.of("target", "model-registry.jar");
    assertThat(jar).as("the runnable jar (mvn package builds it before the integration tests)").exists();
    try (RegistryProcesses processes = new RegistryProcesses(Path.of("target", "failover-it"))) {
      List<Node> nodes = processes.startNodes(3);
      String lastLog = awaitLogLine(nodes.get(2).log(), "Model Registry ready");
      for (Node node : nodes) {
        assertThat(lastLog).as("the last node's start-up line lists every member").contains(":" + node.clusterPort());
      }
      base = processes.startNginx();
      FeedWatcher feed = new FeedWatcher(nodes.get(0).httpPort(), processes.nginxPort(), token);

      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        String prefix = "fo-" + i + "-";
        threads.add(new Thread(() -> write(prefix), "writer-" + i));
      }
      threads.add(new Thread(this::read, "reader"));
      threads.forEach(Thread::start);
      Thread.sleep(BEFORE_KILL.toMillis());
      assertThat(unknownAt).as("writes before the kill").isEmpty();

      Node victim = nodes.get(0);
      killedAt = System.nanoTime();
      victim.process().destroyForcibly();
      int exit = victim.process().waitFor();
      Thread.sleep(AFTER_KILL.toMillis());
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }

      String marker = "fo-marker-" + System.nanoTime();
      assertThat(send("POST", "/v1/models", "{\"id\":\"" + marker + "\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
          .isEqualTo(201);
      feed.awaitModel(marker, Duration.ofSeconds(30));
      feed.close();
      List<Event> streamed = feed.received();

      int lost = 0;
      int unreadable = 0;
      for (Map.Entry<String, Long> write : acknowledged.entrySet()) {
        Answer read = send("GET", "/v1/models/" + write.getKey(), null);
        if (read.status() == 404 || read.status() == 200 && read.json().getLong("revision") < write.getValue()) {
          lost++;
        } else if (read.status() != 200) {
          unreadable++;
        }
      }
      List<Long> unknown = unknownAt.stream().map(this::sinceKillMillis).sorted().toList();
      long lastReadFailure = readFailedAt.stream().mapToLong(this::sinceKillMillis).max().orElse(0);
      System.out.printf("FAILOVER: killed the first member (exit status %d = 128 + SIGKILL) after %d s of writes;"
              + " writes attempted %d, acknowledged %d (models %d), lost %d, unknown outcome %d (by status, -1 = no answer: %s), refused %d;"
              + " error window %d ms (first unknown outcome answered %+d ms after the kill, last %+d ms);"
              + " reads %d, failed %d, last failed read %+d ms after the kill; acknowledged models re-read %d, unreadable %d%n",
          exit, BEFORE_KILL.toSeconds(), attempted.get(), acknowledgedWrites.get(), acknowledged.size(), lost,
          unknown.size(), unknownStatuses, refused.size(), unknown.isEmpty() ? 0 : unknown.get(unknown.size() - 1) - unknown.get(0),
          unknown.isEmpty() ? 0 : unknown.get(0), unknown.isEmpty() ? 0 : unknown.get(unknown.size() - 1),
          reads.get(), readFailedAt.size(), lastReadFailure, acknowledged.size(), unreadable);

      assertThat(exit).as("exit status of the killed process: 128 + 9 (SIGKILL)").isEqualTo(137);
      assertThat(lost).as("acknowledged writes missing or older afterwards").isZero();
      assertThat(unreadable).as("acknowledged models not readable through nginx afterwards").isZero();
      assertThat(refused).as("writes refused with a 4xx (a 404 would be a lost model)").isEmpty();
      assertThat(lastReadFailure).as("ms after the kill of the last failed read").isLessThan(READS_RECOVER_WITHIN.toMillis());
      assertThat(acknowledgedWrites.get()).isGreaterThan(100);
      assertFeedComplete(streamed, feed.reconnects());
      System.out.printf("FAILOVER: the whole test took %d s%n", (System.nanoTime() - began) / 1_000_000_000);
    }
  }

  /** Every acknowledged write in the feed once; the sequences consecutive, none twice; the stream resumed through nginx. */
  private void assertFeedComplete(List<Event> streamed, int reconnects) {
    List<Long> sequences = streamed.stream().map(Event::id).toList();
    long first = sequences.get(0);
    List<Long> consecutive = java.util.stream.LongStream.rangeClosed(first, first + sequences.size() - 1).boxed().toList();
    Set<String> changes = new java.util.HashSet<>();
    streamed.forEach(event -> changes.add(event.data().getString("id") + "@" + event.data().getLong("revision")));
    Set<String> missing = new java.util.TreeSet<>(acknowledgedChanges);
    missing.removeAll(changes);
    System.out.printf("FAILOVER FEED: %d events streamed (sequences %d to %d), %d reconnect(s) through nginx,"
        + " acknowledged writes missing from the feed: %d%n", streamed.size(), first, sequences.get(sequences.size() - 1),
        reconnects, missing.size());
    assertThat(reconnects).as("the stream on the killed member ended and resumed through nginx").isGreaterThanOrEqualTo(1);
    assertThat(sequences).as("every sequence once, in order, no gap").isEqualTo(consecutive);
    assertThat(missing).as("acknowledged writes the feed never delivered").isEmpty();
  }

  private static String awaitLogLine(Path log, String line) throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      String text = Files.readString(log);
      if (text.contains(line)) {
        return text;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("'" + line + "' never appeared in " + log + ":\n" + Files.readString(log));
  }

  /** Registers a new model or updates one of its own acknowledged ones, one request per pace. */
  private void write(String prefix) {
    List<String> mine = new ArrayList<>();
    int next = 0;
    while (!stop.get()) {
      long start = System.nanoTime();
      attempted.incrementAndGet();
      boolean register = mine.isEmpty() || ThreadLocalRandom.current().nextInt(3) == 0;
      String id = register ? prefix + next++ : mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
      Answer answer = register
          ? send("POST", "/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}")
          : send("PATCH", "/v1/models/" + id, "{\"metadata\":{\"n\":" + start + "}}");
      if (answer.status() / 100 == 2) {
        acknowledgedWrites.incrementAndGet();
        acknowledged.merge(id, answer.json().getLong("revision"), Math::max);
        acknowledgedChanges.add(id + "@" + answer.json().getLong("revision"));
        if (register) {
          mine.add(id);
        }
      } else if (answer.status() < 0 || answer.status() >= 500) {
        unknownAt.add(System.nanoTime());
        unknownStatuses.merge(answer.status(), 1, Integer::sum);
      } else {
        refused.add(id + ": " + answer);
      }
      pace(start);
    }
  }

  private void read() {
    while (!stop.get()) {
      long start = System.nanoTime();
      List<String> ids = List.copyOf(acknowledged.keySet());
      if (!ids.isEmpty()) {
        reads.incrementAndGet();
        if (send("GET", "/v1/models/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), null).status() != 200) {
          readFailedAt.add(System.nanoTime());
        }
      }
      pace(start);
    }
  }

  private static void pace(long start) {
    long left = PACE_MILLIS - (System.nanoTime() - start) / 1_000_000;
    if (left > 0) {
      try {
        Thread.sleep(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private long sinceKillMillis(long nanos) {
    return (nanos - killedAt) / 1_000_000;
  }

  private Answer send(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer " + token);
    if (body != null) {
      request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "interrupted");
    }
  }

  private record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }
}
