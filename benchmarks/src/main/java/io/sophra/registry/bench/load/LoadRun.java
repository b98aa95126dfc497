package io.sophra.registry.bench.load;

import io.sophra.registry.bench.http.BareServer;
import io.sophra.registry.bench.http.HttpTarget;
import io.sophra.registry.bench.report.LoadRows;
import io.sophra.registry.bench.report.Machine;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.KeyDistribution;
import io.sophra.registry.bench.support.Tokens;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load run. Unless {@code --url} is given it starts its servers in processes of their own, so the
 * load client (this JVM, one event loop) shares no heap, GC or JIT with what it measures: a registry
 * node ({@link ServerProcess}), the bare Vert.x server answering a captured registry response (another
 * {@link ServerProcess}) and, when {@code redis-server} is installed, Redis holding as many 1 KB values
 * ({@link RedisSubject}). It measures them at saturation over {@code --connections} keep-alive
 * connections, each first warmed up by {@code --warmup-requests} requests, in {@code --rounds}
 * alternated rounds (bare, registry, Redis, bare, registry, Redis, ...; the report judges each
 * subject's median round). References, never judged, run in the same rounds: the bare server answering
 * each model's own response ({@code BARE_PER_MODEL}) and, with {@code --bare-work}, the bare server with
 * more CPU per request (see {@link BareServer}). Then the registry at each fixed rate of
 * {@code --rates}, then the capacity sweep of {@code --sweep}. Against a running node ({@code --url}, {@code --token}) it runs the fixed rates only,
 * over the ids that node lists. Writes the results as JSON to {@code --out}; {@link LoadOptions} lists
 * every option.
 *
 * <pre>java -cp benchmarks.jar io.sophra.registry.bench.load.LoadRun --rates 2000,10000 --duration 30</pre>
 */
public final class LoadRun {

  /** redis-benchmark's request count per second of a saturation run: about as long as one of them. */
  private static final long REDIS_BENCHMARK_PER_SECOND = 60_000;
  /**
   * The longest the warm-up by count may take per subject (a loaded machine answers slowly). The
   * count's default, a million requests (15-17 s for the registry here), is what its JIT needs at
   * saturation on two cores, where the compiler threads share the CPU with the load: after 100,000
   * requests (1.5 s) the registry's rounds still rose from one to the next (56,651, 61,160, 70,591
   * req/s; the standard runs s20a and s20c had their lowest registry round first too), after a million
   * they did not (69,161, 73,051, 73,625).
   */
  private static final Duration WARMUP_CAP = Duration.ofSeconds(30);
  /** Unrecorded seconds before each sweep step, at most: the node is warm by then, the rate only changes. */
  private static final Duration SWEEP_WARMUP = Duration.ofSeconds(2);

  private final LoadOptions options;
  private final Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final Context context = clientVertx.getOrCreateContext();
  private final HttpClient client;
  private final List<LoadResult> results = new ArrayList<>();
  private final List<AutoCloseable> servers = new ArrayList<>();
  private Optional<JsonObject> redisBenchmark = Optional.empty();

  private LoadRun(LoadOptions options) {
    this.options = options;
    this.client = HttpTarget.client(clientVertx, options.connections());
  }

  public static void main(String[] args) throws Exception {
    LoadRun run = new LoadRun(LoadOptions.parse(args));
    try {
      run.run();
    } finally {
      run.close();
    }
    run.write();
  }

  private void run() throws Exception {
    if (options.url().isPresent()) {
      HttpTarget registry = options.target();
      String[] paths = paths(options.keys(), RemoteIds.list(context, client, registry, options.models()));
      fixedRates(registry, paths);
      sweep(registry, paths);
      return;
    }
    ChildProcess node = started(ChildProcess.java("registry", List.of("registry", String.valueOf(options.models()))));
    int[] ready = node.awaitReady();
    HttpTarget registry = new HttpTarget("127.0.0.1", ready[0], Tokens.bearer(Duration.ofHours(2)));
    String[] paths = paths(options.keys(), RemoteIds.list(context, client, registry, options.models()));
    if (options.saturation().toMillis() > 0) {
      saturation(registry, node.handle(), paths, ready[1]);
    }
    fixedRates(registry, paths);
    sweep(registry, paths);
  }

  /** Every subject at saturation, in alternated rounds; then redis-benchmark once, for reference. */
  private void saturation(HttpTarget registry, ProcessHandle node, String[] paths, int instances) throws Exception {
    Map<String, Subject> subjects = new LinkedHashMap<>();
    subjects.put("BARE_VERTX", bareServer(registry, paths, instances, 0));
    subjects.put(LoadRows.BARE_PER_MODEL, bareServerPerModel(registry, paths, instances));
    subjects.put("REGISTRY", new Subject(new HttpRequests(client, registry, paths), node));
    Optional<RedisSubject> redis = startRedis();
    redis.ifPresent(server -> subjects.put("REDIS", new Subject(server.requests(options.keys().draw(server.keys())),
        server.process())));
    for (long workNanos : options.bareWork()) {
      subjects.put(LoadRows.barePlus(workNanos), bareServer(registry, paths, instances, workNanos));
    }
    for (Subject subject : subjects.values()) {
      new SaturationLoad(context, subject.requests()).warm(options.connections(), options.warmupRequests(), WARMUP_CAP);
    }
    for (int round = 1; round <= options.rounds(); round++) {
      for (Map.Entry<String, Subject> subject : subjects.entrySet()) {
        report(new SaturationLoad(context, subject.getValue().requests()).run(subject.getKey(),
            subject.getValue().process(), round, options.connections(), options.saturationWarmup(),
            options.saturation()));
      }
    }
    redisBenchmark = redis.flatMap(server -> server.redisBenchmark(options.connections(),
        REDIS_BENCHMARK_PER_SECOND * Math.max(1, options.saturation().toSeconds())));
    redisBenchmark.ifPresent(figures -> System.out.println("redis-benchmark: " + figures.encode()));
  }

  private void fixedRates(HttpTarget registry, String[] paths) {
    for (double rate : options.rates()) {
      report(new FixedRateLoad(context, new HttpRequests(client, registry, paths))
          .run("REGISTRY", options.connections(), rate, options.warmup(), options.duration()));
    }
  }

  /**
   * The capacity sweep: the registry at each rate of {@code --sweep}, rising, until a step misses the
   * 5 ms promise (errors, under 99 % of its rate answered, or p99 over 5 ms): no higher rate would keep it.
   */
  private void sweep(HttpTarget registry, String[] paths) {
    for (double rate : options.sweep()) {
      LoadResult step = new FixedRateLoad(context, new HttpRequests(client, registry, paths))
          .run("REGISTRY", options.connections(), rate, SWEEP_WARMUP.compareTo(options.warmup()) < 0 ? SWEEP_WARMUP
              : options.warmup(), options.sweepDuration()).asSweepStep();
      report(step);
      boolean kept = step.errors() == 0 && step.achievedRate() >= 0.99 * rate
          && step.latency().getValueAtPercentile(99) <= 5_000_000;
      if (!kept) {
        return;
      }
    }
  }

  /** A subject of the saturation rounds: its requests, and the process that answers them. */
  private record Subject(Requests requests, ProcessHandle process) {
  }

  /**
   * A bare server in its own process answering what the registry answers to {@code paths[0]}, as many
   * event loops, each request costing {@code workNanos} of CPU first (0: none).
   */
  private Subject bareServer(HttpTarget registry, String[] paths, int instances, long workNanos) throws IOException {
    return served(registry, paths,
        started(BareProcesses.oneResponse(context, client, registry, paths[0], instances, workNanos)));
  }

  /**
   * A bare server in its own process answering each of {@code paths} with what the registry answers to
   * it (each model's own bytes and headers), as many event loops: a reference, see {@link BareServer}.
   */
  private Subject bareServerPerModel(HttpTarget registry, String[] paths, int instances) throws IOException {
    return served(registry, paths, started(BareProcesses.perModel(context, client, registry, paths, instances)));
  }

  private Subject served(HttpTarget registry, String[] paths, ChildProcess bare) {
    HttpTarget target = new HttpTarget("127.0.0.1", bare.awaitReady()[0], registry.authorization());
    return new Subject(new HttpRequests(client, target, paths), bare.handle());
  }

  /** Redis with as many 1 KB values as the registry holds models; empty (a SKIP) when redis-server is missing. */
  private Optional<RedisSubject> startRedis() {
    Optional<Path> binary = options.redisServer().filter(path -> path.equals("none")).isPresent() ? Optional.empty()
        : RedisSubject.find(options.redisServer());
    if (binary.isEmpty()) {
      System.err.println("redis-server not found (or --redis-server none): Redis is not measured, its target is SKIP");
      return Optional.empty();
    }
    Path log = options.out().toAbsolutePath().resolveSibling("redis.log");
    try {
      // its log goes beside the results, whose directory may not exist before they are written
      Files.createDirectories(log.getParent());
      return Optional.of(started(RedisSubject.start(binary.get(), context, options.connections(), options.models(),
          log)));
    } catch (IOException | RuntimeException e) {
      // the HTTP subjects are still measured; Redis's target shows as SKIP (and fails a standard run)
      System.err.println("Redis could not be started (see " + log + "): " + e + "; its target is SKIP");
      return Optional.empty();
    }
  }

  private <T extends AutoCloseable> T started(T server) {
    servers.add(server);
    return server;
  }

  private static String[] paths(KeyDistribution keys, List<String> ids) {
    Map<String, String> pathOfId = new HashMap<>();
    ids.forEach(id -> pathOfId.put(id, "/v1/models/" + id));
    String[] drawn = keys.draw(ids);
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = pathOfId.get(drawn[i]);
    }
    return drawn;
  }

  private void report(LoadResult result) {
    System.out.println(result.summary());
    results.add(result);
  }

  /** Stops every server started, the last started first. */
  private void close() {
    for (int i = servers.size() - 1; i >= 0; i--) {
      try {
        servers.get(i).close();
      } catch (Exception e) {
        System.err.println("stopping a server: " + e);
      }
    }
    Await.result(clientVertx.close(), 30);
  }

  private void write() throws IOException {
    JsonArray runs = new JsonArray();
    results.forEach(result -> runs.add(result.toJson()));
    JsonObject json = new JsonObject()
        .put("machine", Machine.describe())
        .put("models", options.models())
        .put("keys", options.keys().name())
        .put("target", options.url().orElse("a node in its own process"))
        .put("rounds", options.rounds())
        .put("runs", runs);
    redisBenchmark.ifPresent(figures -> json.put("redisBenchmark", figures));
    Path out = options.out();
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, json.encodePrettily());
    System.out.println("Load results written to " + out);
  }
}
