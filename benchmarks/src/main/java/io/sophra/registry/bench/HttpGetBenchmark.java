package io.sophra.registry.bench;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.http.BareServer;
import io.sophra.registry.bench.http.CapturedResponse;
import io.sophra.registry.bench.http.HttpTarget;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.Jvm;
import io.sophra.registry.bench.support.Pipelined;
import io.sophra.registry.bench.support.KeyDistribution;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.bench.support.Tokens;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code GET /v1/models/{id}} over loopback with a real JWT and keep-alive, one request at a time per
 * benchmark thread: the latency of one unloaded request. The baseline is a bare Vert.x server
 * ({@link BareServer}) answering a captured response of the registry, byte for byte.
 *
 * <p>The client is a Vert.x HttpClient on its own event loop, one keep-alive connection per benchmark
 * thread; each sample runs from handing the request to the client's event loop (requests are issued on
 * its context, see {@link HttpTarget#on}) to reading the whole body back on the benchmark thread, so it
 * includes two thread hand-offs on the client side, the same for both servers. The behaviour
 * under 32 concurrent connections, and the throughput ratio DESIGN.md sets, come from the load run
 * ({@code load.LoadRun}), which drives connections from an event loop rather than from 32 benchmark
 * threads that would fight the servers for two cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.EXPORTS_REF, Jvm.OPENS_LANG, Jvm.OPENS_NIO,
    Jvm.OPENS_MANAGEMENT, Jvm.OPENS_JDK_MANAGEMENT})
public class HttpGetBenchmark {

  /** Who answers the GET. */
  public enum Server { REGISTRY, BARE_VERTX }

  /** Requests sent before JMH's timed warm-up: enough for the JIT to compile both servers' paths. */
  private static final int WARM_UP_REQUESTS = 20_000;

  @Param({"1000", "5000", "100000"})
  int models;

  @Param({"ZIPF", "UNIFORM"})
  KeyDistribution keys;

  @Param({"REGISTRY", "BARE_VERTX"})
  Server impl;

  private RegistryNode node;
  private Vertx bare;
  private Vertx clientVertx;
  private HttpClient client;
  private Context clientContext;
  private HttpTarget target;
  private String[] paths;

  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Setup(Level.Trial)
  public void setUp() {
    clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    client = HttpTarget.client(clientVertx, 1);
    clientContext = clientVertx.getOrCreateContext();
    String authorization = Tokens.bearer(Duration.ofHours(2));
    // the baseline needs one real answer to copy; the registry gets every model
    node = BenchNodes.single(models);
    List<String> ids = Population.ids(Population.register(node.registry(), impl == Server.REGISTRY ? models : 1));
    Population.fillNearCache(node.hazelcast(), ids);
    target = new HttpTarget("127.0.0.1", node.config().http().port(), authorization);
    if (impl == Server.BARE_VERTX) {
      HttpTarget registry = target;
      CapturedResponse response = Await.result(HttpTarget.on(clientContext,
          () -> CapturedResponse.capture(client, registry, path(ids.get(0)))), 30);
      int instances = node.config().http().effectiveInstances();
      BenchNodes.stop(List.of(node));
      node = null;
      bare = Vertx.vertx();
      int port = BenchNodes.freePort();
      Await.result(BareServer.deploy(bare, port, response, instances), 30);
      target = new HttpTarget("127.0.0.1", port, authorization);
    }
    Map<String, String> pathOfId = new HashMap<>();
    ids.forEach(id -> pathOfId.put(id, path(id)));
    paths = keys.draw(ids);
    for (int i = 0; i < paths.length; i++) {
      paths[i] = pathOfId.get(paths[i]);
    }
    HttpTarget server = target;
    Pipelined.run(WARM_UP_REQUESTS, 4, i -> HttpTarget.on(clientContext, () -> server.fetch(client, paths[i])));
  }

  private static String path(String id) {
    return "/v1/models/" + id;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Await.result(clientVertx.close(), 30);
    if (bare != null) {
      Await.result(bare.close(), 30);
    }
    if (node != null) {
      BenchNodes.stop(List.of(node));
    }
  }

  @Benchmark
  public Buffer getModel(Cursor cursor) {
    String path = paths[cursor.index++ & KeyDistribution.MASK];
    return Await.result(HttpTarget.on(clientContext, () -> target.fetch(client, path)), 10);
  }
}
