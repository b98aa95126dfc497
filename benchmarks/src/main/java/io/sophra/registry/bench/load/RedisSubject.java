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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redis, the comparison the project promises: a real {@code redis-server} started on a free loopback
 * port without persistence ({@code --save '' --appendonly no}), holding {@code keys} values of
 * {@link #VALUE_BYTES} bytes, read with GETs by the same load generator and the same kind of client
 * (Vert.x, one event loop, a pool of as many connections as the HTTP runs use). Stopped by {@link #close}.
 */
final class RedisSubject implements AutoCloseable {

  static final int VALUE_BYTES = 1024;

  private final ChildProcess server;
  private final Context context;
  private final Redis client;
  private final List<String> keys;

  private RedisSubject(ChildProcess server, Context context, Redis client, List<String> keys) {
    this.server = server;
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
    RedisSubject redis = new RedisSubject(server, context, client, keys(count));
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
      keys.add("model:" + i);
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

  /** GETs of the keys in {@code drawn}'s order: expected when the answer is a 1 KB value. */
  Requests requests(String[] drawn) {
    if (Integer.bitCount(drawn.length) != 1) {
      throw new IllegalArgumentException("keys must have a power-of-two length");
    }
    Map<String, Request> getOfKey = new HashMap<>();
    keys.forEach(key -> getOfKey.put(key, Request.cmd(Command.GET).arg(key)));
    Request[] gets = Arrays.stream(drawn).map(getOfKey::get).toArray(Request[]::new);
    int[] cursor = {0};
    return () -> client.send(gets[cursor[0]++ & (gets.length - 1)])
        .map(response -> response != null && response.toBuffer().length() == VALUE_BYTES);
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
