package io.sophra.registry.bench.support;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * The plain maps the write baselines use. They take Hazelcast's default map configuration, whose
 * backup count is 1 (synchronous) and asynchronous backup count 0, the same as the registry's maps;
 * a map configuration added at run time would be sent to the other members by Java serialization,
 * which the registry's cluster boundary refuses.
 */
public final class RawMaps {

  private RawMaps() {
  }

  /** The map {@code name}, checked to have one synchronous backup and no asynchronous one. */
  public static <V> IMap<String, V> withOneBackup(HazelcastInstance hazelcast, String name) {
    MapConfig config = hazelcast.getConfig().findMapConfig(name);
    if (config.getBackupCount() != 1 || config.getAsyncBackupCount() != 0) {
      throw new IllegalStateException("map '" + name + "' has " + config.getBackupCount() + " synchronous and "
          + config.getAsyncBackupCount() + " asynchronous backups, not 1 and 0");
    }
    return hazelcast.getMap(name);
  }
}
