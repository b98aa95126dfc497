package io.sophra.registry.bench;

import com.hazelcast.map.IMap;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.Jvm;
import io.sophra.registry.bench.support.KeyDistribution;
import io.sophra.registry.bench.support.OnContext;
import io.sophra.registry.bench.support.RawMaps;
import io.sophra.registry.bench.support.Pipelined;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.metrics.MetricPoint;
import io.sophra.registry.metrics.ModelMetrics;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import java.time.Instant;
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
 * Appending one metric point to a model on a two-member cluster with backup-count 1, through
 * {@code ModelMetrics.append} on an event-loop context of the first member, awaited: a Near Cache read
 * of the model (its uid), one entry processor at the series' owner that appends and trims, acknowledged
 * after the synchronous backup. Series are full (at {@code MODEL_REGISTRY_METRICS_MAX_POINTS}, 1,000)
 * before measuring, so each append also drops the oldest point. The baseline {@link Impl#IMAP_SET_ASYNC}
 * is one replicated {@code setAsync} of a small value. Run with several threads ({@code -t 4}) the
 * table's note gives the throughput (threads / mean).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.EXPORTS_REF, Jvm.OPENS_LANG, Jvm.OPENS_NIO,
    Jvm.OPENS_MANAGEMENT, Jvm.OPENS_JDK_MANAGEMENT})
public class MetricAppendBenchmark {

  /** Who writes. */
  public enum Impl { REGISTRY, IMAP_SET_ASYNC }

  private static final String RAW_MAP = "bench-raw-points";
  private static final int POINTS_PER_MODEL = 1000;

  @Param({"200"})
  int models;

  @Param({"UNIFORM"})
  KeyDistribution keys;

  @Param({"REGISTRY", "IMAP_SET_ASYNC"})
  Impl impl;

  private List<RegistryNode> nodes;
  private ModelMetrics metrics;
  private OnContext context;
  private IMap<String, Double> rawMap;
  private String[] keyArray;

  @State(Scope.Thread)
  public static class Writer {
    int index = ThreadLocalRandom.current().nextInt();
    double value;
  }

  @Setup(Level.Trial)
  public void setUp() {
    nodes = BenchNodes.cluster(2, models);
    RegistryNode caller = nodes.get(0);
    BenchNodes.awaitClusterSafe(caller.hazelcast());
    metrics = caller.metrics();
    context = new OnContext(caller.vertx());
    List<ModelConfig> stored = Population.register(caller.registry(), models);
    rawMap = RawMaps.withOneBackup(caller.hazelcast(), RAW_MAP);
    keyArray = keys.draw(Population.ids(stored));
    Instant start = Instant.now().minusSeconds(3600);
    Pipelined.run(models, 8, i -> context.call(() -> metrics.append(Population.CALLER, new ModelId(stored.get(i).id()),
        java.util.stream.IntStream.range(0, POINTS_PER_MODEL).mapToObj(n -> MetricPoint.of(n % 2 == 0 ? "ndcg" : "ctr",
            n / 1000.0, start.plusSeconds(n), Map.of())).toList())));
    Pipelined.run(5_000, 4, i -> impl == Impl.REGISTRY ? context.call(() -> metrics.append(Population.CALLER,
        new ModelId(keyArray[i]), List.of(MetricPoint.of("ndcg", i, Instant.now(), Map.of()))))
        : Pipelined.of(rawMap.setAsync(keyArray[i], (double) i)));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    BenchNodes.stop(nodes);
  }

  @Benchmark
  public Object appendMetric(Writer writer) throws Exception {
    String id = keyArray[writer.index++ & KeyDistribution.MASK];
    double value = writer.value++;
    if (impl == Impl.REGISTRY) {
      return Await.result(context.call(() -> metrics.append(Population.CALLER, new ModelId(id),
          List.of(MetricPoint.of("ndcg", value, Instant.now(), Map.of())))), 10);
    }
    return rawMap.setAsync(id, value).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
