package io.sophra.registry.bench.support;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Fills a registry through its own interface, with a window of calls in flight. */
public final class Population {

  /** Every in-process call of the benchmarks is made as this caller (every permission). */
  public static final Caller CALLER = Caller.system("bench");
  private static final int WINDOW = 128;
  private static final int NEAR_CACHE_BATCH = 1000;

  private Population() {
  }

  /** Registers models 0..count-1 of {@link ModelFactory} and returns them as stored. */
  public static List<ModelConfig> register(ModelRegistry registry, int count) {
    List<ModelConfig> stored = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      stored.add(null);
    }
    Pipelined.run(count, WINDOW, index -> registry.registerModel(CALLER, ModelFactory.draft(index))
        .onSuccess(change -> stored.set(index, change.after())));
    return stored;
  }

  /**
   * Reads every id once through the member's own map, a thousand at a time, which fills its Near
   * Cache (much faster than one {@code getModel} per id); fails unless the Near Cache then holds them all.
   */
  public static void fillNearCache(HazelcastInstance hazelcast, List<String> ids) {
    IMap<String, ModelConfig> map = hazelcast.getMap(GridModelRegistry.MAP_NAME);
    for (int from = 0; from < ids.size(); from += NEAR_CACHE_BATCH) {
      map.getAll(new HashSet<>(ids.subList(from, Math.min(ids.size(), from + NEAR_CACHE_BATCH))));
    }
    long cached = map.getLocalMapStats().getNearCacheStats().getOwnedEntryCount();
    if (cached < ids.size()) {
      throw new IllegalStateException("the Near Cache holds " + cached + " of " + ids.size() + " models");
    }
  }

  /** The ids of these models, in order. */
  public static List<String> ids(List<ModelConfig> models) {
    return models.stream().map(ModelConfig::id).toList();
  }
}
