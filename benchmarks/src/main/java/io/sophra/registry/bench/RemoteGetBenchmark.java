package io.sophra.registry.bench;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.GridMember;
import io.sophra.registry.bench.support.Jvm;
import io.sophra.registry.bench.support.KeyDistribution;
import io.sophra.registry.bench.support.OnContext;
import io.sophra.registry.bench.support.Pipelined;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * {@code getModel} of ids owned by the other member of a two-member cluster in this JVM, with no Near
 * Cache: every lookup crosses the loopback network to the owner and deserializes the value. It shows
 * what the Near Cache saves (compare GetModelBenchmark's REGISTRY row).
 *
 * <p>Both members run the registry's store ({@code GridModelRegistry}) over a {@code models} map whose
 * Near Cache is removed from the configuration; the keys are the ids whose partition the calling
 * member does not own. {@link Impl#REGISTRY} calls {@code getModel} on an event-loop context and waits
 * for the Future (it completes on the event loop after Hazelcast's response thread hands it over);
 * the baseline {@link Impl#IMAP_GET_ASYNC} waits on Hazelcast's own {@code getAsync} future, the
 * network hop with nothing of the registry around it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.EXPORTS_REF, Jvm.OPENS_LANG, Jvm.OPENS_NIO,
    Jvm.OPENS_MANAGEMENT, Jvm.OPENS_JDK_MANAGEMENT})
public class RemoteGetBenchmark {

  /** What reads the remote model. */
  public enum Impl { REGISTRY, IMAP_GET_ASYNC }

  /** Calls made before JMH's timed warm-up, so that the JIT has compiled the path. */
  private static final int WARM_UP_CALLS = 10_000;

  @Param({"1000", "5000", "100000"})
  int models;

  @Param({"ZIPF", "UNIFORM"})
  KeyDistribution keys;

  @Param({"REGISTRY", "IMAP_GET_ASYNC"})
  Impl impl;

  private List<GridMember> members;
  private GridMember caller;
  private IMap<String, ModelConfig> map;
  private OnContext context;
  private String[] keyArray;

  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Setup(Level.Trial)
  public void setUp() {
    members = BenchNodes.clusterWithoutNearCache(2, models);
    caller = members.get(0);
    HazelcastInstance hazelcast = caller.hazelcast();
    BenchNodes.awaitClusterSafe(hazelcast);
    List<String> ids = Population.ids(Population.register(caller.registry(), models));
    Member local = hazelcast.getCluster().getLocalMember();
    List<String> remote = ids.stream()
        .filter(id -> !hazelcast.getPartitionService().getPartition(id).getOwner().equals(local))
        .toList();
    if (remote.isEmpty()) {
      throw new IllegalStateException("the other member owns none of the ids");
    }
    map = hazelcast.getMap(GridModelRegistry.MAP_NAME);
    if (map.getLocalMapStats().getNearCacheStats() != null) {
      throw new IllegalStateException("the models map still has a Near Cache");
    }
    context = new OnContext(caller.vertx());
    keyArray = keys.draw(remote);
    Pipelined.run(WARM_UP_CALLS, 4, i -> impl == Impl.REGISTRY
        ? context.call(() -> caller.registry().getModel(Population.CALLER, new ModelId(keyArray[i])))
        : Pipelined.of(map.getAsync(keyArray[i])));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    GridMember.stop(members);
  }

  @Benchmark
  public ModelConfig getModel(Cursor cursor) throws Exception {
    String id = keyArray[cursor.index++ & KeyDistribution.MASK];
    if (impl == Impl.REGISTRY) {
      return Await.result(context.call(() -> caller.registry().getModel(Population.CALLER, new ModelId(id))), 10);
    }
    return rawGet(id);
  }

  private ModelConfig rawGet(String id) throws InterruptedException, ExecutionException, TimeoutException {
    return map.getAsync(id).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
