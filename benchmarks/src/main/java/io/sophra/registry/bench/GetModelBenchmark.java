package io.sophra.registry.bench;

import com.hazelcast.nearcache.NearCacheStats;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.Jvm;
import io.sophra.registry.bench.support.KeyDistribution;
import io.sophra.registry.bench.support.ModelFactory;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * {@code getModel} on one member, answered by its Near Cache, against a plain
 * {@code ConcurrentHashMap.get} of equal models in the same run (the {@link Lookup} facade).
 *
 * <p>What is measured: one lookup of an id drawn from {@link KeyDistribution}, the model returned to
 * JMH (which consumes it in a Blackhole). The registry is called on an event-loop context, as a
 * verticle calls it ({@link Lookup#REGISTRY}); {@link Lookup#REGISTRY_AWAITED} shows what a plain
 * thread pays instead. Every model is read once before measuring, and the trial fails if the Near
 * Cache missed while measuring: these are hits only. SampleTime includes {@code System.nanoTime}'s
 * own cost (tens of ns) in every sample, so the nanosecond rows carry it too; the mean of
 * AverageTime (run.sh runs it beside) has no such overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.EXPORTS_REF, Jvm.OPENS_LANG, Jvm.OPENS_NIO,
    Jvm.OPENS_MANAGEMENT, Jvm.OPENS_JDK_MANAGEMENT})
public class GetModelBenchmark {

  @Param({"1000", "5000", "100000"})
  int models;

  @Param({"ZIPF", "UNIFORM"})
  KeyDistribution keys;

  @Param({"CONCURRENT_HASH_MAP", "NEAR_CACHE", "REGISTRY", "REGISTRY_AWAITED"})
  Lookup impl;

  private RegistryNode node;
  private Function<String, ModelConfig> lookup;
  private String[] keyArray;
  private long missesBefore;

  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Setup(Level.Trial)
  public void setUp() {
    List<ModelConfig> stored;
    if (impl.needsNode()) {
      node = BenchNodes.single(models);
      stored = Population.register(node.registry(), models);
      Population.fillNearCache(node.hazelcast(), Population.ids(stored));
      missesBefore = nearCache().getMisses();
    } else {
      stored = new ArrayList<>(models);
      for (int i = 0; i < models; i++) {
        stored.add(ModelFactory.model(i));
      }
    }
    lookup = impl.create(node, stored);
    keyArray = keys.draw(Population.ids(stored));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      if (node != null && nearCache().getMisses() != missesBefore) {
        throw new IllegalStateException("the Near Cache missed " + (nearCache().getMisses() - missesBefore)
            + " times while measuring: these figures are not Near Cache hits");
      }
    } finally {
      if (node != null) {
        BenchNodes.stop(List.of(node));
      }
    }
  }

  private NearCacheStats nearCache() {
    return node.hazelcast().getMap(GridModelRegistry.MAP_NAME).getLocalMapStats().getNearCacheStats();
  }

  @Benchmark
  public ModelConfig getModel(Cursor cursor) {
    return lookup.apply(keyArray[cursor.index++ & KeyDistribution.MASK]);
  }
}
