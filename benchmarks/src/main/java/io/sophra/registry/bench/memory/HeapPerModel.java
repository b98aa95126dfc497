package io.sophra.registry.bench.memory;

import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.report.Machine;
import io.sophra.registry.bench.support.BenchNodes;
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
import java.util.Arrays;
import java.util.List;

/**
 * Heap bytes per stored model. For each count: a fresh single-member node (so there are no backups),
 * the used heap after full GCs, the models registered and each read once (which fills the Near Cache,
 * as serving reads does), the used heap after full GCs again; the difference divided by the count.
 * That covers everything a model costs the member: its binary entry, the id index entries, its Near
 * Cache object and the Near Cache's bookkeeping. Hazelcast's own estimate of the entries' cost
 * ({@code LocalMapStats.getOwnedEntryMemoryCost}, binary values and keys only) is recorded beside it.
 * In a cluster each member also holds backups: about the binary entry cost again per backup.
 *
 * <pre>java -cp benchmarks.jar io.sophra.registry.bench.memory.HeapPerModel --models 5000,100000 --out results/heap.json</pre>
 */
public final class HeapPerModel {

  private HeapPerModel() {
  }

  public static void main(String[] args) throws Exception {
    List<Integer> counts = List.of(5000, 100_000);
    Path out = Path.of("results/heap.json");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--models" -> counts = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
        case "--out" -> out = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    JsonArray results = new JsonArray();
    for (int count : counts) {
      JsonObject result = measure(count);
      System.out.printf("heap per model at %,d models: %,d bytes (Hazelcast's entry estimate: %,d bytes;"
              + " one model as JSON: %,d bytes)%n", count, result.getLong("heapBytesPerModel"),
          result.getLong("entryCostBytesPerModel"), result.getLong("jsonBytesPerModel"));
      results.add(result);
    }
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, new JsonObject().put("machine", Machine.describe()).put("results", results)
        .encodePrettily());
  }

  private static JsonObject measure(int count) throws InterruptedException {
    RegistryNode node = BenchNodes.single(count);
    try {
      long before = usedHeapAfterGc();
      List<ModelConfig> stored = Population.register(node.registry(), count);
      Population.fillNearCache(node.hazelcast(), Population.ids(stored));
      IMap<String, ModelConfig> map = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
      LocalMapStats stats = map.getLocalMapStats();
      long after = usedHeapAfterGc();
      return new JsonObject()
          .put("models", count)
          .put("heapBytesPerModel", (after - before) / count)
          .put("usedHeapBeforeBytes", before)
          .put("usedHeapAfterBytes", after)
          .put("entryCostBytesPerModel", stats.getOwnedEntryMemoryCost() / count)
          .put("jsonBytesPerModel", ModelJson.toJson(stored.get(0)).toBuffer().length())
          .put("method", "used heap after System.gc() x3, before and after registering and reading every model,"
              + " one member (no backups)");
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
