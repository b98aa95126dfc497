package io.sophra.registry.bench;

import com.hazelcast.map.IMap;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.GridChain;
import io.sophra.registry.bench.support.Jvm;
import io.sophra.registry.bench.support.KeyDistribution;
import io.sophra.registry.bench.support.ModelFactory;
import io.sophra.registry.bench.support.OnContext;
import io.sophra.registry.bench.support.RawMaps;
import io.sophra.registry.bench.support.Pipelined;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Writes on a two-member cluster with backup-count 1: {@code registerModel} of a new id and
 * {@code updateModel} (an unconditional merge patch) of a stored one, called on an event-loop context
 * of the first member and awaited. A write is acknowledged after the key's owner (either member) made
 * it (an update's entry processor, a registration's put-if-absent) and the other member confirmed the
 * synchronous backup; a registration also takes a slot of the cluster-wide cap (an entry processor, on
 * the counter's owner), beside the insert while the cap is far, as it is here.
 *
 * <p>The baseline {@link Impl#IMAP_SET_ASYNC} is Hazelcast's plain {@code setAsync} of an equal model
 * into a map with the same backup count: one replicated write, the floor under any registry write.
 * Registrations add ids for the whole trial (the cap is raised out of the way); nothing is deleted
 * while measuring. {@link Impl#GRID_CHAIN}, reported beside them and not judged, makes the grid
 * writes of a registry write and nothing else ({@link GridChain}): for an update the model, then the
 * change append and the audit entry side by side; for a registration a slot beside the model. That is
 * where the registry's write targets stand against one {@code setAsync} before any of the registry's
 * own work.
 *
 * <p>Warm-up: thirty seconds after the set-up. A write runs through far more code than a lookup (the
 * grid's entry processors and backups on both members, the audit, the change log, the event bus),
 * and on two cores the JIT compiles it for about half a minute after the fork starts
 * ({@code -XX:+PrintCompilation}: 1,352 compilations in the fifth 5-second window, 65-110 per window
 * after the seventh); with two seconds of warm-up the registry's writes were measured while the
 * compiler threads took most of a core. Ten seconds were still short: in a standard run (s20a) the
 * update's three measured iterations fell from 992 to 915 to 857 us, and single runs of one subject
 * gave the registration a p99 of 5.0 ms after ten seconds against 2.0 ms after thirty (update: 1.83-1.87
 * against 1.59-1.76 ms). Both subjects get the same warm-up (JMH's own default is fifty seconds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.EXPORTS_REF, Jvm.OPENS_LANG, Jvm.OPENS_NIO,
    Jvm.OPENS_MANAGEMENT, Jvm.OPENS_JDK_MANAGEMENT})
public class WriteBenchmark {

  /** Who writes. */
  public enum Impl { REGISTRY, IMAP_SET_ASYNC, GRID_CHAIN }

  private static final String RAW_MAP = "bench-raw-writes";
  private static final int ROOM_FOR_REGISTRATIONS = 2_000_000;
  /** Updates made before JMH's timed warm-up (registration is warmed up by filling the registry). */
  private static final int WARM_UP_UPDATES = 5_000;
  private static final AtomicInteger THREADS = new AtomicInteger();

  @Param({"5000"})
  int models;

  @Param({"UNIFORM", "ZIPF"})
  KeyDistribution keys;

  @Param({"REGISTRY", "IMAP_SET_ASYNC", "GRID_CHAIN"})
  Impl impl;

  private List<RegistryNode> nodes;
  private ModelRegistry registry;
  private OnContext context;
  private IMap<String, ModelConfig> rawMap;
  private GridChain chain;
  private Map<String, ModelConfig> storedById;
  private String[] keyArray;

  @State(Scope.Thread)
  public static class Writer {
    final String prefix = "new-" + THREADS.incrementAndGet() + "-";
    int index = ThreadLocalRandom.current().nextInt();
    int registered;
    int step;
  }

  @Setup(Level.Trial)
  public void setUp() {
    nodes = BenchNodes.cluster(2, models + ROOM_FOR_REGISTRATIONS);
    RegistryNode caller = nodes.get(0);
    BenchNodes.awaitClusterSafe(caller.hazelcast());
    registry = caller.registry();
    context = new OnContext(caller.vertx());
    List<ModelConfig> stored = Population.register(registry, models);
    rawMap = RawMaps.withOneBackup(caller.hazelcast(), RAW_MAP);
    storedById = new HashMap<>();
    stored.forEach(model -> storedById.put(model.id(), model));
    rawMap.putAll(storedById);
    keyArray = keys.draw(Population.ids(stored));
    chain = new GridChain(caller.hazelcast());
    Pipelined.run(WARM_UP_UPDATES, 4, i -> switch (impl) {
      case REGISTRY -> context.call(() -> registry.updateModel(Population.CALLER, new ModelId(keyArray[i]),
          new JsonObject().put("metadata", new JsonObject().put("warmUp", i)), Optional.empty()));
      case IMAP_SET_ASYNC -> Pipelined.of(rawMap.setAsync(keyArray[i], storedById.get(keyArray[i])));
      case GRID_CHAIN -> context.call(() -> chain.update(storedById.get(keyArray[i])));
    });
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    BenchNodes.stop(nodes);
  }

  @Benchmark
  public Object registerModel(Writer writer) throws Exception {
    int index = writer.registered++;
    String id = writer.prefix + index;
    if (impl == Impl.REGISTRY) {
      return Await.result(context.call(() -> registry.registerModel(Population.CALLER,
          ModelFactory.draft(id, index))), 10);
    }
    if (impl == Impl.GRID_CHAIN) {
      ModelConfig model = ModelFactory.model(id, index);
      return Await.result(context.call(() -> chain.register(model)), 10);
    }
    ModelConfig model = ModelFactory.model(index);
    return rawMap.setAsync(id, model).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Benchmark
  public Object updateModel(Writer writer) throws Exception {
    String id = keyArray[writer.index++ & KeyDistribution.MASK];
    if (impl == Impl.REGISTRY) {
      JsonObject patch = new JsonObject().put("metadata", new JsonObject().put("step", writer.step++));
      Change change = Await.result(context.call(() -> registry.updateModel(Population.CALLER, new ModelId(id), patch,
          Optional.empty())), 10);
      return change.after();
    }
    if (impl == Impl.GRID_CHAIN) {
      return Await.result(context.call(() -> chain.update(storedById.get(id))), 10);
    }
    return rawMap.setAsync(id, storedById.get(id)).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
