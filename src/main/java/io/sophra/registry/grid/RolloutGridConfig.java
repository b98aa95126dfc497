package io.sophra.registry.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import io.sophra.registry.config.RegistryConfig;

/**
 * The maps of aliases and metrics, configured like the models map where the same guarantees apply:
 * synchronous backups (backup-count as configured; also for the alias locks and the metric series),
 * and for the aliases a Near Cache on every member
 * (object format, local entries cached, invalidated on every change; {@link GridConfig} turns
 * invalidation batching off for all maps).
 */
final class RolloutGridConfig {

  private RolloutGridConfig() {
  }

  static void configure(Config config, RegistryConfig settings) {
    configureAliases(config.getMapConfig(GridAliasRegistry.MAP_NAME), settings);
    config.getMapConfig(AliasLocks.MAP_NAME).setBackupCount(settings.cluster().backupCount()).setAsyncBackupCount(0);
    configureMetrics(config.getMapConfig(GridModelMetrics.MAP_NAME), settings);
  }

  /**
   * Object format: the owner keeps each series as the immutable Java object, so an append copies its
   * arrays instead of deserializing and serializing it, and ordering models by a metric reads the
   * objects in place (see {@link GridModelMetrics}).
   */
  private static void configureMetrics(MapConfig metrics, RegistryConfig settings) {
    metrics.setBackupCount(settings.cluster().backupCount()).setAsyncBackupCount(0);
    metrics.setInMemoryFormat(InMemoryFormat.OBJECT);
  }

  /** Indexed by name (the list's order) and by the models the variants route to (the guard's query). */
  private static void configureAliases(MapConfig aliases, RegistryConfig settings) {
    aliases.setBackupCount(settings.cluster().backupCount()).setAsyncBackupCount(0);
    aliases.setInMemoryFormat(InMemoryFormat.BINARY);
    aliases.addIndexConfig(new IndexConfig(IndexType.SORTED, "name"));
    aliases.addIndexConfig(new IndexConfig(IndexType.HASH, AliasSerializer.VARIANT_MODELS + "[any]"));
    int capacity = settings.aliases().maxAliases() + settings.aliases().maxAliases() / 10 + 16;
    aliases.setNearCacheConfig(new NearCacheConfig(GridAliasRegistry.MAP_NAME)
        .setInMemoryFormat(InMemoryFormat.OBJECT)
        .setCacheLocalEntries(true)
        .setInvalidateOnChange(true)
        .setSerializeKeys(false)
        .setEvictionConfig(new EvictionConfig()
            .setEvictionPolicy(EvictionPolicy.LRU)
            .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
            .setSize(capacity)));
  }
}
