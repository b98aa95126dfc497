package io.sophra.registry.bench.support;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/** Fills a registry through its own interface, with a window of calls in flight. */
public final class Population {

  /** Every in-process call of the benchmarks is made as this caller (every permission). */
  public static final Caller CALLER = Caller.system("bench");
  private static final int WINDOW = 32;
  private static final int ATTEMPTS = 3;
  private static final int NEAR_CACHE_BATCH = 1000;

  private Population() {
  }

  /**
   * Registers models 0..count-1 of {@link ModelFactory} and returns them as stored. A registration
   * that ran out of the request deadline (a long pause of a busy machine) is looked up and, when it
   * did not happen, made again: set-up must not fail for a stall that the measurement would report.
   */
  public static List<ModelConfig> register(ModelRegistry registry, int count) {
    ModelConfig[] stored = new ModelConfig[count];
    Pipelined.run(count, WINDOW, index -> registerOne(registry, index, ATTEMPTS)
        .onSuccess(model -> stored[index] = model));
    return Arrays.asList(stored);
  }

  private static Future<ModelConfig> registerOne(ModelRegistry registry, int index, int attempts) {
    return registry.registerModel(CALLER, ModelFactory.draft(index)).map(Change::after)
        .recover(failure -> {
          boolean retry = attempts > 1 && (failure instanceof RegistryException.Unavailable
              || failure instanceof RegistryException.AlreadyExists && attempts < ATTEMPTS);
          return retry ? registry.getModel(CALLER, new ModelId(ModelFactory.id(index)))
              .recover(missing -> registerOne(registry, index, attempts - 1)) : Future.failedFuture(failure);
        });
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
