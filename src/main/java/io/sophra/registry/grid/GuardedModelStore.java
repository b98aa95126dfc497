package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import io.sophra.registry.model.ModelConfig;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;

/**
 * Wraps the configured store of the models map so that every failed write reaches the caller as one
 * type the grid knows, {@link StoreUnavailableException}, whatever the store is. Hazelcast calls the
 * store before it changes the grid and applies nothing when it throws, so such a failure always
 * means: the grid is unchanged. Loads pass through untouched (start-up reports their failures).
 */
final class GuardedModelStore implements MapStore<String, ModelConfig>, MapLoaderLifecycleSupport {

  private final MapStore<String, ModelConfig> store;

  GuardedModelStore(MapStore<String, ModelConfig> store) {
    this.store = store;
  }

  @Override
  public void store(String id, ModelConfig model) {
    guard(() -> store.store(id, model));
  }

  @Override
  public void storeAll(Map<String, ModelConfig> models) {
    guard(() -> store.storeAll(models));
  }

  @Override
  public void delete(String id) {
    guard(() -> store.delete(id));
  }

  @Override
  public void deleteAll(Collection<String> ids) {
    guard(() -> store.deleteAll(ids));
  }

  private static void guard(Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      throw new StoreUnavailableException(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
  }

  @Override
  public ModelConfig load(String id) {
    return store.load(id);
  }

  @Override
  public Map<String, ModelConfig> loadAll(Collection<String> ids) {
    return store.loadAll(ids);
  }

  @Override
  public Iterable<String> loadAllKeys() {
    return store.loadAllKeys();
  }

  @Override
  public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
    if (store instanceof MapLoaderLifecycleSupport lifecycle) {
      lifecycle.init(hazelcast, properties, mapName);
    }
  }

  @Override
  public void destroy() {
    if (store instanceof MapLoaderLifecycleSupport lifecycle) {
      lifecycle.destroy();
    }
  }
}
