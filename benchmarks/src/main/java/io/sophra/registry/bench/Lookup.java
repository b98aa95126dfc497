package io.sophra.registry.bench;

import com.hazelcast.map.IMap;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.bench.support.Await;
import io.sophra.registry.bench.support.OnContext;
import io.sophra.registry.bench.support.Population;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.ModelRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The ways of looking one model up in process, behind one facade so that one benchmark method measures
 * each of them (the pattern of caffeine's GetPutBenchmark), from the plain baseline to the registry.
 */
public enum Lookup {

  /** The baseline: {@code ConcurrentHashMap.get} of equal models, with no registry at all. */
  CONCURRENT_HASH_MAP(false) {
    @Override
    Function<String, ModelConfig> create(RegistryNode node, List<ModelConfig> models) {
      ConcurrentHashMap<String, ModelConfig> map = new ConcurrentHashMap<>();
      models.forEach(model -> map.put(model.id(), model));
      return map::get;
    }
  },

  /** Hazelcast's {@code IMap.get} answered by the member's Near Cache: the layer under the registry. */
  NEAR_CACHE(true) {
    @Override
    Function<String, ModelConfig> create(RegistryNode node, List<ModelConfig> models) {
      IMap<String, ModelConfig> map = node.hazelcast().getMap(GridModelRegistry.MAP_NAME);
      return map::get;
    }
  },

  /**
   * {@code ModelRegistry.getModel} called on an event-loop context, as a verticle calls it (see
   * {@link OnContext}); a Near Cache hit completes the Future before the call returns, and the
   * benchmark reads it (and fails if it had not completed).
   */
  REGISTRY(true) {
    @Override
    Function<String, ModelConfig> create(RegistryNode node, List<ModelConfig> models) {
      ModelRegistry registry = node.registry();
      OnContext context = new OnContext(node.vertx());
      return id -> Await.completed(context.call(() -> registry.getModel(Population.CALLER, new ModelId(id))));
    }
  },

  /**
   * {@code ModelRegistry.getModel} called from a plain thread that waits for the Future: the Near
   * Cache answers at once, but the registry completes the Future on a Vert.x context, so this
   * measures a hand-off to an event loop and back. What a non-Vert.x caller pays.
   */
  REGISTRY_AWAITED(true) {
    @Override
    Function<String, ModelConfig> create(RegistryNode node, List<ModelConfig> models) {
      ModelRegistry registry = node.registry();
      return id -> Await.result(registry.getModel(Population.CALLER, new ModelId(id)), 10);
    }
  };

  private final boolean needsNode;

  Lookup(boolean needsNode) {
    this.needsNode = needsNode;
  }

  /** Whether this lookup reads from a registry node (the baseline does not start one). */
  boolean needsNode() {
    return needsNode;
  }

  /** The lookup over {@code models}, which the node (when one is needed) already holds. */
  abstract Function<String, ModelConfig> create(RegistryNode node, List<ModelConfig> models);
}
