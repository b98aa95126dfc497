package io.sophra.registry.bench;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.bench.http.HttpTarget;
import io.sophra.registry.bench.support.AliasFixtures;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.Jvm;
import io.sophra.registry.bench.support.OnContext;
import io.sophra.registry.bench.support.Pipelined;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.bench.support.Tokens;
import io.sophra.registry.model.ModelConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * {@code GET /v1/aliases/{name}/resolve?subject=...} against {@code GET /v1/models/{id}} of the very
 * model that resolution chooses, on the same node, over loopback with a real JWT and keep-alive. The
 * baseline is the model GET.
 *
 * <p>Both are measured side by side, in one fork and one window: a JMH group of two threads, one
 * resolving and one reading models, each one request at a time on a connection of its own. Run one
 * after the other, in forks of their own (as until the eighth session), the two met different
 * machines: in the standard run s22b the GET's p50 was 104.4 µs and the resolution's 139.8 µs, while
 * a resolution's extra work (an alias read and one SHA-256) costs well under a microsecond. Side by
 * side, whatever the machine does in the window, it does to both. The report reads each thread's
 * figures as a row of its own ({@code ResultsReader}: the method's name, {@code getModel} or
 * {@code resolve}, becomes its {@code impl}, {@code GET_MODEL} or {@code RESOLVE}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.EXPORTS_REF, Jvm.OPENS_LANG, Jvm.OPENS_NIO,
    Jvm.OPENS_MANAGEMENT, Jvm.OPENS_JDK_MANAGEMENT})
public class HttpResolveBenchmark {

  /** Requests of each kind sent before JMH's timed warm-up. */
  private static final int WARM_UP_REQUESTS = 10_000;

  @Param({"1000"})
  int models;

  @Param({"20"})
  int aliases;

  private RegistryNode node;
  private Vertx clientVertx;
  private HttpClient client;
  private Context clientContext;
  private HttpTarget target;
  private String[] resolvePaths;
  private String[] getPaths;

  /** (alias, subject) pairs drawn before measuring, walked with a cursor. */
  private static final int DRAWS = 1 << 16;

  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Setup(Level.Trial)
  public void setUp() {
    clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    client = HttpTarget.client(clientVertx, 2);
    clientContext = clientVertx.getOrCreateContext();
    node = BenchNodes.single(models);
    List<ModelConfig> stored = Population.register(node.registry(), models);
    Population.fillNearCache(node.hazelcast(), Population.ids(stored));
    List<AliasName> names = AliasFixtures.aliases(node.aliases(), AliasFixtures.ready(stored), aliases);
    target = new HttpTarget("127.0.0.1", node.config().http().port(), Tokens.bearer(Duration.ofHours(2)));
    OnContext context = new OnContext(node.vertx());
    SplittableRandom random = new SplittableRandom(42);
    resolvePaths = new String[DRAWS];
    getPaths = new String[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      AliasName name = names.get(random.nextInt(names.size()));
      String subject = "user-" + random.nextInt(1_000_000);
      resolvePaths[i] = "/v1/aliases/" + name + "/resolve?subject=" + subject;
      getPaths[i] = "/v1/models/" + Await.result(context.call(() -> node.aliases().resolve(Population.CALLER, name,
          Optional.of(subject))), 10).model().id();
    }
    Pipelined.run(2 * WARM_UP_REQUESTS, 4, i -> HttpTarget.on(clientContext,
        () -> target.fetch(client, (i % 2 == 0 ? resolvePaths : getPaths)[(i / 2) & (DRAWS - 1)])));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Await.result(clientVertx.close(), 30);
    BenchNodes.stop(List.of(node));
  }

  /** The baseline: the model the resolution of the same draw chose. */
  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public Buffer getModel(Cursor cursor) {
    return fetch(getPaths[cursor.index++ & (DRAWS - 1)]);
  }

  @Benchmark
  @Group("sideBySide")
  @GroupThreads(1)
  public Buffer resolve(Cursor cursor) {
    return fetch(resolvePaths[cursor.index++ & (DRAWS - 1)]);
  }

  private Buffer fetch(String path) {
    return Await.result(HttpTarget.on(clientContext, () -> target.fetch(client, path)), 10);
  }
}
