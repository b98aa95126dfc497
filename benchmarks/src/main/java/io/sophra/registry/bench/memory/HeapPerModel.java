package io.sophra.registry.bench.memory;

import com.hazelcast.map.IMap;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.report.Machine;
import io.sophra.registry.bench.support.BenchNodes;
import io.sophra.registry.bench.support.ModelFactory;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Heap bytes per stored model. For each count: a fresh single-member node (so there are no backups),
 * the used heap after full GCs, the models put into the models map and each read once (which fills
 * the Near Cache, as serving reads does), the used heap after full GCs again; the difference divided
 * by the count. That covers everything a stored model costs the member: its binary entry, its index
 * entries, its Near Cache object and the Near Cache's bookkeeping. Hazelcast's own estimate of the
 * entries' cost ({@code LocalMapStats.getOwnedEntryMemoryCost}, binary values and keys only) is
 * recorded beside it. In a cluster each member also holds backups: about the binary entry cost again
 * per backup.
 *
 * <p>Registering a model through the registry also leaves its history: an audit entry and a change
 * record, kept until their retention (by count and age) removes them, whatever the number of models.
 * So the first count is measured a second time through the registry's API, and the difference is
 * reported as the history a registration leaves ({@code historyBytesPerRegistration}), apart from the
 * model's own cost, which the target judges. The models' encoded bodies ({@code http.ModelBodies}),
 * made by HTTP reads, are not in either figure.
 *
 * <p>Noise. A difference of two used-heap readings of a few megabytes moves with what else the JVM
 * made in between, so: before anything is measured, one unrecorded pass (a node with
 * {@value #PRIMING_MODELS} models, put, read and stopped) makes the JVM's one-time structures (static
 * caches of the serializers, the JSON codec, Hazelcast's classes), which the first measured node
 * would otherwise count as its models' cost; then each count is measured {@code --repeats} times
 * (default 3), each on a fresh node, and the median is the figure ({@code heapBytesPerModel}; every
 * run in {@code heapBytesPerModelRuns}). In the fourth session's runs the single reading at 5,000
 * models ranged over 1,570-2,210 bytes for unchanged code.
 *
 * <pre>java -cp benchmarks.jar io.sophra.registry.bench.memory.HeapPerModel --models 5000,100000 [--repeats 3] --out results/heap.json</pre>
 */
public final class HeapPerModel {

  private static final int PRIMING_MODELS = 1000;

  private HeapPerModel() {
  }

  public static void main(String[] args) throws Exception {
    List<Integer> counts = List.of(5000, 100_000);
    Path out = Path.of("results/heap.json");
    int repeats = 3;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--models" -> counts = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
        case "--out" -> out = Path.of(args[i + 1]);
        case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats must be at least 1");
    }
    modelBytes(PRIMING_MODELS);
    JsonArray results = new JsonArray();
    for (int count : counts) {
      JsonObject result = measure(count, repeats, count == counts.get(0));
      System.out.printf("heap per model at %,d models: %,d bytes (Hazelcast's entry estimate: %,d bytes;"
              + " one model as JSON: %,d bytes)%n", count, result.getLong("heapBytesPerModel"),
          result.getLong("entryCostBytesPerModel"), result.getLong("jsonBytesPerModel"));
      if (result.containsKey("historyBytesPerRegistration")) {
        System.out.printf("history a registration leaves (audit entry and change record): %,d bytes%n",
            result.getLong("historyBytesPerRegistration"));
      }
      results.add(result);
    }
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, new JsonObject().put("machine", Machine.describe()).put("results", results)
        .encodePrettily());
  }

  private static JsonObject measure(int count, int repeats, boolean withHistory) throws InterruptedException {
    List<JsonObject> runs = new ArrayList<>(repeats);
    for (int run = 0; run < repeats; run++) {
      runs.add(modelBytes(count));
    }
    JsonObject result = median(runs).copy().put("models", count)
        .put("heapBytesPerModelRuns", new JsonArray(runs.stream().map(run -> run.getLong("heapBytesPerModel")).toList()))
        .put("jsonBytesPerModel", ModelJson.toJson(ModelFactory.model(0)).toBuffer().length())
        .put("method", "median of " + repeats + " fresh single-member nodes (no backups), after one unrecorded"
            + " priming node: used heap after System.gc() x3, before and after putting every model into the models"
            + " map and reading it once");
    if (withHistory) {
      long registered = registeredBytesPerModel(count);
      result.put("registeredBytesPerModel", registered)
          .put("historyBytesPerRegistration", registered - result.getLong("heapBytesPerModel"));
    }
    return result;
  }

  /** The run whose {@code heapBytesPerModel} is the median (of an even number, the upper of the middle two). */
  static JsonObject median(List<JsonObject> runs) {
    List<JsonObject> ordered = runs.stream()
        .sorted(Comparator.comparingLong(run -> run.getLong("heapBytesPerModel"))).toList();
    return ordered.get(ordered.size() / 2);
  }

  /** One node, {@code count} models put and read once: the used heap it took per model. */
  private static JsonObject modelBytes(int count) throws InterruptedException {
    RegistryNode node = BenchNodes.single(count);
    try {
      long before = usedHeapAfterGc();
      IMap<String, ModelConfig> map = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
      List<String> ids = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        ModelConfig model = ModelFactory.model(i);
        map.set(model.id(), model);
        ids.add(model.id());
      }
      Population.fillNearCache(node.hazelcast(), ids);
      long after = usedHeapAfterGc();
      return new JsonObject().put("heapBytesPerModel", (after - before) / count)
          .put("usedHeapBeforeBytes", before)
          .put("usedHeapAfterBytes", after)
          .put("entryCostBytesPerModel", map.getLocalMapStats().getOwnedEntryMemoryCost() / count);
    } finally {
      BenchNodes.stop(List.of(node));
    }
  }

  /** The same through the registry's API: the model, its audit entry and its change record. */
  private static long registeredBytesPerModel(int count) throws InterruptedException {
    RegistryNode node = BenchNodes.single(count);
    try {
      long before = usedHeapAfterGc();
      List<ModelConfig> stored = Population.register(node.registry(), count);
      Population.fillNearCache(node.hazelcast(), Population.ids(stored));
      return (usedHeapAfterGc() - before) / count;
    } finally {
      BenchNodes.stop(List.of(node));
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
