package io.sophra.registry.bench.load;

import io.sophra.registry.bench.http.HttpTarget;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.vertx.core.Future;
import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Redis, the comparison the project promises: a real {@code redis-server} started on a free loopback
 * port without persistence ({@code --save '' --appendonly no}), holding {@code keys} values of
 * {@link #VALUE_BYTES} bytes, read with GETs by the same load generator and the same kind of client
 * (Vert.x, one event loop, a pool of as many connections as the HTTP runs use). Stopped by {@link #close}.
 */
final class RedisSubject implements AutoCloseable {

  static final int VALUE_BYTES = 1024;

  private final ChildProcess server;
  private final Path binary;
  private final int port;
  private final Context context;
  private final Redis client;
  private final List<String> keys;

  private RedisSubject(ChildProcess server, Path binary, int port, Context context, Redis client, List<String> keys) {
    this.server = server;
    this.binary = binary;
    this.port = port;
    this.context = context;
    this.client = client;
    this.keys = keys;
  }

  /** The redis-server program: {@code binary} if given, else {@code redis-server} on the PATH. */
  static Optional<Path> find(Optional<String> binary) {
    if (binary.isPresent()) {
      return Optional.of(Path.of(binary.get())).filter(Files::isExecutable);
    }
    return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .map(dir -> Path.of(dir, "redis-server")).filter(Files::isExecutable).findFirst();
  }

  /** Starts redis-server, waits until it answers, stores {@code count} keys; call off the client's event loop. */
  static RedisSubject start(Path binary, Context context, int connections, int count, Path log) {
    int port = BenchNodes.freePort();
    ChildProcess server = ChildProcess.start("redis-server", List.of(binary.toString(), "--port",
        String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
        "--logfile", log.toAbsolutePath().toString()));
    Redis client = Redis.createClient(context.owner(), new RedisOptions().setConnectionString("redis://127.0.0.1:" + port)
        .setMaxPoolSize(connections).setMaxPoolWaiting(-1));
    RedisSubject redis = new RedisSubject(server, binary, port, context, client, keys(count));
    try {
      redis.awaitAnswering();
      redis.store();
      return redis;
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
  }

  private static List<String> keys(int count) {
    List<String> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(String.format(Locale.ROOT, "key:%012d", i)); // redis-benchmark -r's names: it GETs these too
    }
    return keys;
  }

  private void awaitAnswering() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        Await.result(HttpTarget.on(context, () -> client.send(Request.cmd(Command.PING))), 2);
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          throw new IllegalStateException("redis-server did not answer within 10 s", e);
        }
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stores every key, 100 SETs at a time, each value 1 KB of printable bytes (sent on the client's context). */
  private void store() {
    for (int first = 0; first < keys.size(); first += 100) {
      List<String> batch = keys.subList(first, Math.min(keys.size(), first + 100));
      Await.result(HttpTarget.on(context, () -> {
        List<Future<Response>> sets = new ArrayList<>();
        batch.forEach(key -> sets.add(client.send(Request.cmd(Command.SET).arg(key).arg(value(key)))));
        return Future.all(sets);
      }), 30);
    }
  }

  private static String value(String key) {
    StringBuilder value = new StringBuilder(VALUE_BYTES);
    while (value.length() < VALUE_BYTES) {
      value.append(key).append(' ');
    }
    return value.substring(0, VALUE_BYTES);
  }

  List<String> keys() {
    return keys;
  }

  int port() {
    return port;
  }

  /** The redis-server process, for its CPU time. */
  ProcessHandle process() {
    return server.handle();
  }

  /** GETs of the keys in {@code drawn}'s order: expected when the answer is a 1 KB value. */
  Requests requests(String[] drawn) {
    if (Integer.bitCount(drawn.length) != 1) {
      throw new IllegalArgumentException("keys must have a power-of-two length");
    }
    Map<String, Request> getOfKey = new HashMap<>();
    Request[] gets = Arrays.stream(drawn).map(key -> getOfKey.computeIfAbsent(key,
        each -> Request.cmd(Command.GET).arg(each))).toArray(Request[]::new);
    int[] cursor = {0};
    return () -> client.send(gets[cursor[0]++ & (gets.length - 1)])
        .map(response -> response != null && response.toBuffer().length() == VALUE_BYTES);
  }

  /**
   * The same GETs measured by {@code redis-benchmark} (next to redis-server; Redis's own C client,
   * pipelining off) over as many connections: how much of Redis the Java load client reaches. Empty when
   * redis-benchmark is missing or fails. Not judged: the verdict compares subjects of one client.
   */
  Optional<JsonObject> redisBenchmark(int connections, long requests) {
    Path program = binary.resolveSibling("redis-benchmark");
    if (!Files.isExecutable(program)) {
      return Optional.empty();
    }
    List<String> command = List.of(program.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-t", "get",
        "-r", String.valueOf(keys.size()), "-c", String.valueOf(connections), "-n", String.valueOf(requests), "--csv");
    try {
      Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> line.startsWith("\"GET\"")).toList();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || lines.isEmpty()) {
        process.destroyForcibly();
        return Optional.empty();
      }
      // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_..."
      String[] fields = lines.get(0).replace("\"", "").split(",");
      return Optional.of(new JsonObject().put("command", String.join(" ", command))
          .put("requestsPerSecond", Double.parseDouble(fields[1])).put("meanMillis", Double.parseDouble(fields[2]))
          .put("p50Millis", Double.parseDouble(fields[4])).put("p99Millis", Double.parseDouble(fields[6]))
          .put("maxMillis", Double.parseDouble(fields[7])));
    } catch (IOException | RuntimeException e) {
      System.err.println("redis-benchmark failed: " + e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      server.terminate();
    }
  }
}
