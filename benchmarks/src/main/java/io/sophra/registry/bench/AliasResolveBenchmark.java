package io.sophra.registry.bench;

import com.hazelcast.nearcache.NearCacheStats;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.alias.Routing;
import io.sophra.registry.bench.support.AliasFixtures;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.Jvm;
import io.sophra.registry.bench.support.OnContext;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.grid.GridAliasRegistry;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.ModelRegistry;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Alias resolution in process against {@code getModel} in the same run: {@link Impl#RESOLVE} resolves
 * one of {@code aliases} aliases (two ready variants, 90/10) for one of a million subjects;
 * {@link Impl#GET_MODEL}, the baseline, reads exactly the model that resolution chose. Both are called
 * on an event-loop context as a verticle calls them ({@link OnContext}) and must complete synchronously
 * (Near Cache hits); the difference is the alias's Near Cache hit, one SHA-256 and the plumbing. The
 * trial fails if either Near Cache missed while measuring.
 *
 * <p>{@link Impl#GET_MODEL_AND_DRAW}, a reference never judged, is the floor of any resolution under
 * the rollout contract: the same {@code getModel} plus the documented stable hash of the subject
 * ({@code Routing.draw}: SHA-256 of salt and subject, the salt being the alias's name here), and
 * nothing else: no alias read, no choice, no answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.EXPORTS_REF, Jvm.OPENS_LANG, Jvm.OPENS_NIO,
    Jvm.OPENS_MANAGEMENT, Jvm.OPENS_JDK_MANAGEMENT})
public class AliasResolveBenchmark {

  /** What is called. */
  public enum Impl { GET_MODEL, RESOLVE, GET_MODEL_AND_DRAW }

  @Param({"1000"})
  int models;

  @Param({"20"})
  int aliases;

  @Param({"GET_MODEL", "RESOLVE", "GET_MODEL_AND_DRAW"})
  Impl impl;

  private RegistryNode node;
  private AliasRegistry aliasRegistry;
  private ModelRegistry registry;
  private OnContext context;
  private AliasName[] names;
  private String[] subjects;
  private ModelId[] chosen;
  private long aliasMissesBefore;
  private long modelMissesBefore;

  /** (alias, subject) pairs drawn before measuring, walked with a cursor. */
  private static final int DRAWS = 1 << 16;

  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Setup(Level.Trial)
  public void setUp() {
    node = BenchNodes.single(models);
    registry = node.registry();
    aliasRegistry = node.aliases();
    context = new OnContext(node.vertx());
    List<ModelConfig> stored = Population.register(registry, models);
    Population.fillNearCache(node.hazelcast(), Population.ids(stored));
    List<AliasName> created = AliasFixtures.aliases(aliasRegistry, AliasFixtures.ready(stored), aliases);
    SplittableRandom random = new SplittableRandom(42);
    names = new AliasName[DRAWS];
    subjects = new String[DRAWS];
    chosen = new ModelId[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      names[i] = created.get(random.nextInt(created.size()));
      subjects[i] = "user-" + random.nextInt(1_000_000);
    }
    for (int i = 0; i < DRAWS; i++) {
      int index = i;
      chosen[i] = new ModelId(Await.result(context.call(() -> aliasRegistry.resolve(Population.CALLER, names[index],
          Optional.of(subjects[index]))), 10).model().id());
    }
    aliasMissesBefore = nearCache(GridAliasRegistry.MAP_NAME).getMisses();
    modelMissesBefore = nearCache(GridModelRegistry.MAP_NAME).getMisses();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      long aliasMisses = nearCache(GridAliasRegistry.MAP_NAME).getMisses() - aliasMissesBefore;
      long modelMisses = nearCache(GridModelRegistry.MAP_NAME).getMisses() - modelMissesBefore;
      if (aliasMisses != 0 || modelMisses != 0) {
        throw new IllegalStateException("Near Cache misses while measuring: aliases " + aliasMisses + ", models "
            + modelMisses);
      }
    } finally {
      BenchNodes.stop(List.of(node));
    }
  }

  private NearCacheStats nearCache(String map) {
    return node.hazelcast().getMap(map).getLocalMapStats().getNearCacheStats();
  }

  @Benchmark
  public Object resolve(Cursor cursor, Blackhole blackhole) {
    int i = cursor.index++ & (DRAWS - 1);
    if (impl == Impl.GET_MODEL) {
      return Await.completed(context.call(() -> registry.getModel(Population.CALLER, chosen[i])));
    }
    if (impl == Impl.GET_MODEL_AND_DRAW) {
      return Await.completed(context.call(() -> {
        blackhole.consume(Routing.draw(names[i].value(), subjects[i]));
        return registry.getModel(Population.CALLER, chosen[i]);
      }));
    }
    return Await.completed(context.call(() -> aliasRegistry.resolve(Population.CALLER, names[i],
        Optional.of(subjects[i]))));
  }
}
