package io.sophra.registry.bench;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.Jvm;
import io.sophra.registry.bench.support.KeyDistribution;
import io.sophra.registry.bench.support.ModelFactory;
import io.sophra.registry.bench.support.OnContext;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelJson;
import io.sophra.registry.registry.ModelPage;
import io.sophra.registry.registry.ModelQuery;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.json.JsonArray;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
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
 * {@code listModels}: one page of 100 models sorted by id, rendered in the summary view (what
 * {@code GET /v1/models} sends by default), on one member holding 5,000 models. Either the first page
 * or the page after an id drawn uniformly (so the rest of the ids after it vary).
 *
 * <p>{@link Impl#REGISTRY} calls {@code listModels} on an event-loop context and awaits the page (the
 * registry queries the map on a worker thread); the baseline {@link Impl#SKIP_LIST} takes the same page
 * from a {@code ConcurrentSkipListMap} of equal models, the ideal in-memory structure for it. Both
 * render the same summaries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.EXPORTS_REF, Jvm.OPENS_LANG, Jvm.OPENS_NIO,
    Jvm.OPENS_MANAGEMENT, Jvm.OPENS_JDK_MANAGEMENT})
public class ListModelsBenchmark {

  /** Who answers the page. */
  public enum Impl { REGISTRY, SKIP_LIST }

  /** Which page. */
  public enum Page { FIRST, AFTER_RANDOM_ID }

  private static final int PAGE_SIZE = 100;
  /** Pages read before JMH's timed warm-up, so that the JIT has compiled the query path. */
  private static final int WARM_UP_PAGES = 50;

  @Param({"5000"})
  int models;

  @Param({"FIRST", "AFTER_RANDOM_ID"})
  Page page;

  @Param({"REGISTRY", "SKIP_LIST"})
  Impl impl;

  private RegistryNode node;
  private ModelRegistry registry;
  private OnContext context;
  private ConcurrentSkipListMap<String, ModelConfig> sorted;
  private String[] afterIds;

  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Setup(Level.Trial)
  public void setUp() {
    List<String> ids;
    if (impl == Impl.REGISTRY) {
      node = BenchNodes.single(models);
      registry = node.registry();
      context = new OnContext(node.vertx());
      ids = Population.ids(Population.register(registry, models));
    } else {
      sorted = new ConcurrentSkipListMap<>();
      for (int i = 0; i < models; i++) {
        ModelConfig model = ModelFactory.model(i);
        sorted.put(model.id(), model);
      }
      ids = List.copyOf(sorted.keySet());
    }
    List<String> ordered = ids.stream().sorted().toList();
    afterIds = KeyDistribution.UNIFORM.draw(ordered.subList(0, ordered.size() - PAGE_SIZE));
    Cursor warmUp = new Cursor();
    for (int i = 0; i < WARM_UP_PAGES; i++) {
      listModels(warmUp);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (node != null) {
      BenchNodes.stop(List.of(node));
    }
  }

  @Benchmark
  public JsonArray listModels(Cursor cursor) {
    Optional<String> after = page == Page.FIRST ? Optional.empty()
        : Optional.of(afterIds[cursor.index++ & KeyDistribution.MASK]);
    if (impl == Impl.REGISTRY) {
      ModelQuery query = new ModelQuery(Optional.empty(), Optional.empty(), PAGE_SIZE, after.map(ModelId::new));
      ModelPage result = Await.result(context.call(() -> registry.listModels(Population.CALLER, query)), 10);
      return summaries(result.items());
    }
    Collection<ModelConfig> rest = after.map(id -> sorted.tailMap(id, false).values()).orElse(sorted.values());
    return summaries(rest.stream().limit(PAGE_SIZE).toList());
  }

  private static JsonArray summaries(List<ModelConfig> items) {
    JsonArray array = new JsonArray();
    items.forEach(model -> array.add(ModelJson.summary(model)));
    return array;
  }
}
