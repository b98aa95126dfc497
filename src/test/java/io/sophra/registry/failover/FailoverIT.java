package io.sophra.registry.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import io.sophra.registry.failover.ApiClient.Answer;
import io.sophra.registry.failover.RegistryProcesses.Node;
import io.sophra.registry.support.RedisServer;
import io.sophra.registry.support.SseStream.Event;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three real registry processes (MODEL_REGISTRY_CLUSTER_SIZE=3) behind a real nginx; writers register
 * and update models through nginx at a steady pace while one member is killed with SIGKILL: the
 * master (the oldest member, which administers the cluster) with the models in memory, and a member
 * that is not the master with Redis persistence. Every write that was acknowledged (2xx) must be
 * there afterwards with at least its acknowledged revision, and with Redis, in Redis too. A
 * change-feed client streams from the killed member; when its stream ends it reconnects through nginx
 * with its last id, and must have received every acknowledged write exactly once, with no gap in the
 * sequences.
 */
@DisplayName("kill -9 of one of three registry processes behind nginx")
class FailoverIT {

  /** Which member is killed, and whether the models are also written through to Redis. */
  enum Scenario {
    MASTER_IN_MEMORY(true, false), NON_MASTER_WITH_REDIS(false, true);

    final boolean master;
    final boolean redis;

    Scenario(boolean master, boolean redis) {
      this.master = master;
      this.redis = redis;
    }
  }

  private static final Duration BEFORE_KILL = Duration.ofSeconds(5);
  private static final Duration AFTER_KILL = Duration.ofSeconds(10);
  private static final Duration READS_RECOVER_WITHIN = Duration.ofSeconds(10);
  private static final Pattern MEMBERS = Pattern.compile("members: \\[[0-9.]+]:(\\d+)");
  private static final int WRITERS = 2;
  private static final long PACE_MILLIS = 20;

  private final ApiClient api = new ApiClient();
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

  @ParameterizedTest
  @EnumSource(Scenario.class)
  @DisplayName("Loses no acknowledged write, reads through nginx succeed again within 10 s, and a feed stream on the"
      + " killed member resumes through nginx missing nothing")
  void killLosesNoAcknowledgedWrite(Scenario scenario) throws Exception {
    Path jar = Path.of("target", "model-registry.jar");
    assertThat(jar).as("the runnable jar (mvn package builds it before the integration tests)").exists();
    long started = System.nanoTime();
    try (RedisServer redis = scenario.redis ? RedisServer.start() : null;
         RegistryProcesses processes = new RegistryProcesses(Path.of("target", "failover-it-" + scenario))) {
      Map<String, String> settings = new HashMap<>(Map.of("MODEL_REGISTRY_CLUSTER_SIZE", "3"));
      if (redis != null) {
        settings.putAll(redis.registrySettings());
      }
      List<Node> nodes = processes.startNodes(List.of("127.0.0.1", "127.0.0.1", "127.0.0.1"), settings, true);
      int masterPort = masterClusterPort(nodes.get(0));
      Node victim = nodes.stream().filter(node -> (node.clusterPort() == masterPort) == scenario.master)
          .findFirst().orElseThrow();
      base = processes.startNginx();
      FeedWatcher feed = new FeedWatcher(victim.httpPort(), processes.nginxPort(), TestTokens.admin());

      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        String prefix = "fo-" + i + "-";
        threads.add(new Thread(() -> write(prefix), "writer-" + i));
      }
      threads.add(new Thread(this::read, "reader"));
      threads.forEach(Thread::start);
      Thread.sleep(BEFORE_KILL.toMillis());
      assertThat(unknownAt).as("writes before the kill").isEmpty();

      killedAt = System.nanoTime();
      victim.process().destroyForcibly();
      int exit = victim.process().waitFor();
      Thread.sleep(AFTER_KILL.toMillis());
      stop.set(true);
      for (Thread thread : threads) {
        thread.join();
      }

      String marker = "fo-marker-" + System.nanoTime();
      assertThat(api.send(base, "POST", "/v1/models", "{\"id\":\"" + marker + "\",\"baseModel\":\"b\",\"version\":\"1\"}")
          .status()).isEqualTo(201);
      feed.awaitModel(marker, Duration.ofSeconds(30));
      feed.close();
      List<Event> streamed = feed.received();

      int lost = 0;
      int unreadable = 0;
      for (Map.Entry<String, Long> write : acknowledged.entrySet()) {
        Answer read = api.send(base, "GET", "/v1/models/" + write.getKey(), null);
        if (read.status() == 404 || read.status() == 200 && read.json().getLong("revision") < write.getValue()) {
          lost++;
        } else if (read.status() != 200) {
          unreadable++;
        }
      }
      int notInRedis = redis == null ? 0 : missingInRedis(redis.commands());
      List<Long> unknown = unknownAt.stream().map(this::sinceKillMillis).sorted().toList();
      long lastReadFailure = readFailedAt.stream().mapToLong(this::sinceKillMillis).max().orElse(0);
      System.out.printf("FAILOVER %s: killed %s (exit status %d = 128 + SIGKILL) after %d s of writes;"
              + " writes attempted %d, acknowledged %d (models %d), lost %d, not in Redis %s, unknown outcome %d"
              + " (by status, -1 = no answer: %s), refused %d; error window %d ms (first unknown outcome answered %+d ms"
              + " after the kill, last %+d ms); reads %d, failed %d, last failed read %+d ms after the kill;"
              + " acknowledged models re-read %d, unreadable %d; whole test %d s%n",
          scenario, scenario.master ? "the master" : "a non-master member", exit, BEFORE_KILL.toSeconds(),
          attempted.get(), acknowledgedWrites.get(), acknowledged.size(), lost, redis == null ? "-" : notInRedis,
          unknown.size(), unknownStatuses, refused.size(),
          unknown.isEmpty() ? 0 : unknown.get(unknown.size() - 1) - unknown.get(0),
          unknown.isEmpty() ? 0 : unknown.get(0), unknown.isEmpty() ? 0 : unknown.get(unknown.size() - 1),
          reads.get(), readFailedAt.size(), lastReadFailure, acknowledged.size(), unreadable,
          (System.nanoTime() - started) / 1_000_000_000);

      assertThat(exit).as("exit status of the killed process: 128 + 9 (SIGKILL)").isEqualTo(137);
      assertThat(lost).as("acknowledged writes missing or older afterwards").isZero();
      assertThat(notInRedis).as("acknowledged writes missing or older in Redis").isZero();
      assertThat(unreadable).as("acknowledged models not readable through nginx afterwards").isZero();
      assertThat(refused).as("writes refused with a 4xx (a 404 would be a lost model)").isEmpty();
      assertThat(lastReadFailure).as("ms after the kill of the last failed read").isLessThan(READS_RECOVER_WITHIN.toMillis());
      assertThat(acknowledgedWrites.get()).isGreaterThan(100);
      assertFeedComplete(streamed, feed.reconnects());
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

  /** The cluster port of the master, the first member in a node's start-up line. */
  private static int masterClusterPort(Node node) throws IOException {
    Matcher members = MEMBERS.matcher(Files.readString(node.log()));
    assertThat(members.find()).as("the start-up line lists the members, master first").isTrue();
    return Integer.parseInt(members.group(1));
  }

  /** How many acknowledged writes Redis lacks, or holds at an older revision. */
  private int missingInRedis(RedisCommands<String, String> redis) {
    int missing = 0;
    for (Map.Entry<String, Long> write : acknowledged.entrySet()) {
      String stored = redis.get("model-registry:model:" + write.getKey());
      if (stored == null || new JsonObject(stored).getLong("revision") < write.getValue()) {
        missing++;
      }
    }
    return missing;
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
          ? api.send(base, "POST", "/v1/models", "{\"id\":\"" + id + "\",\"baseModel\":\"b\",\"version\":\"1\"}")
          : api.send(base, "PATCH", "/v1/models/" + id, "{\"metadata\":{\"n\":" + start + "}}");
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
      ApiClient.pace(start, PACE_MILLIS);
    }
  }

  private void read() {
    while (!stop.get()) {
      long start = System.nanoTime();
      List<String> ids = List.copyOf(acknowledged.keySet());
      if (!ids.isEmpty()) {
        reads.incrementAndGet();
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        if (api.send(base, "GET", "/v1/models/" + id, null).status() != 200) {
          readFailedAt.add(System.nanoTime());
        }
      }
      ApiClient.pace(start, PACE_MILLIS);
    }
  }

  private long sinceKillMillis(long nanos) {
    return (nanos - killedAt) / 1_000_000;
  }
}
