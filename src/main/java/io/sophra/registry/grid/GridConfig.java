package io.sophra.registry.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import com.hazelcast.map.MapStore;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.model.ModelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds the Hazelcast {@link Config} of a registry member: {@code cluster.xml} from the
 * configuration directory (or the copy bundled in the jar), then the {@code MODEL_REGISTRY_CLUSTER_*}
 * settings over it, then what the registry's guarantees and its cluster boundary
 * ({@link ClusterBoundary}) depend on, whatever the file says.
 */
public final class GridConfig {

  static final String CLUSTER_FILE = "cluster.xml";
  private static final String BUNDLED = "/default-conf/" + CLUSTER_FILE;

  private GridConfig() {
  }

  /** The configuration of a member whose models live only in the grid. */
  public static Config build(RegistryConfig settings) {
    return build(settings, Optional.empty());
  }

  /** The configuration of a member whose models map writes through to {@code store}, when given. */
  public static Config build(RegistryConfig settings, Optional<MapStore<String, ModelConfig>> store) {
    Config config = load(settings);
    config.setClusterName(settings.cluster().name());
    configureNetwork(config.getNetworkConfig(), settings);
    ClusterBoundary.enforce(config, settings);
    configureModels(config.getMapConfig(GridModelRegistry.MAP_NAME), settings);
    config.getMapConfig(GridModelRegistry.MAP_NAME).setMapStoreConfig(mapStore(store));
    config.getMapConfig(ModelSlots.MAP_NAME).setBackupCount(settings.cluster().backupCount()).setAsyncBackupCount(0);
    configureAudit(config.getMapConfig(GridAuditLog.MAP_NAME), settings);
    RolloutGridConfig.configure(config, settings);
    ChangeLogGridConfig.configure(config, settings);
    GridSerialization.register(config.getSerializationConfig());
    config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
    configureInvalidation(config, settings);
    SplitBrainSetup.apply(config, settings.cluster());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    return config;
  }

  /**
   * Write-through (every write waits for the store, and is not applied if the store throws), eager
   * load of every model when the cluster first creates the map. Store calls are offloaded from the
   * partition threads (Hazelcast's default since 5.2, set here so it stays): a slow store holds up
   * the operations on its own partitions of this map only, never another map or a Near Cache hit.
   */
  private static MapStoreConfig mapStore(Optional<MapStore<String, ModelConfig>> store) {
    if (store.isEmpty()) {
      return new MapStoreConfig().setEnabled(false);
    }
    return new MapStoreConfig()
        .setEnabled(true)
        .setImplementation(new GuardedModelStore(store.get()))
        .setWriteDelaySeconds(0)
        .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)
        .setOffload(true);
  }

  /**
   * The Hazelcast configuration of a process that only listens to the event bus: a lite member of
   * the registry's cluster, which owns no partition, so no model and no entry processing ever lands
   * on it, and its arrival or departure migrates nothing.
   */
  public static Config buildLiteMember(RegistryConfig settings) {
    return build(settings).setLiteMember(true);
  }

  /**
   * Near Cache consistency (README "Cluster"). Each change sends its invalidation at once instead of
   * in batches (Hazelcast's default batching delays them up to 10 s). Should an invalidation be lost,
   * each member compares its Near Cache with the owners' sequence numbers every reconciliation
   * interval; tolerating no missed invalidation makes that comparison repair any loss (Hazelcast
   * tolerates 10 by default, so a single lost invalidation could leave an entry stale until it
   * changes again).
   */
  private static void configureInvalidation(Config config, RegistryConfig settings) {
    config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
    config.setProperty("hazelcast.invalidation.max.tolerated.miss.count", "0");
    config.setProperty("hazelcast.invalidation.reconciliation.interval.seconds",
        String.valueOf(settings.cluster().nearCacheReconciliation().toSeconds()));
  }

  private static Config load(RegistryConfig settings) {
    Path file = settings.confDir().map(dir -> dir.resolve(CLUSTER_FILE)).filter(Files::isRegularFile).orElse(null);
    try (InputStream in = file != null ? Files.newInputStream(file) : GridConfig.class.getResourceAsStream(BUNDLED)) {
      return new XmlConfigBuilder(in).build();
    } catch (IOException | RuntimeException e) {
      throw new ConfigException((file != null ? file : "bundled " + CLUSTER_FILE) + ": not a valid Hazelcast"
          + " configuration (" + e.getMessage() + ")");
    }
  }

  private static void configureNetwork(NetworkConfig network, RegistryConfig settings) {
    network.setPort(settings.cluster().port()).setPortAutoIncrement(false);
    network.setPublicAddress(null);
    network.getInterfaces().setEnabled(true).clear().addInterface(settings.cluster().host());
    var join = network.getJoin();
    if (join.getTcpIpConfig().isEnabled()) {
      join.getTcpIpConfig().setMembers(settings.cluster().members());
    }
  }

  /**
   * The audit log: synchronous backups like the models, indexes for its queries and its retention,
   * no eviction: retention removes the oldest entries itself (see GridAuditLog, AuditRetention). The
   * key's text starts with the entry's time and sorts as entries are ordered, so its one sorted index
   * serves the cursor, {@code since} and both retentions; every index is kept up to date on each
   * append at the owner, which made a separate one on {@code at}, and one on {@code sequence} that no
   * query used, cost a sixth of an update's partition-thread CPU.
   */
  private static void configureAudit(MapConfig audit, RegistryConfig settings) {
    audit.setBackupCount(settings.cluster().backupCount()).setAsyncBackupCount(0);
    audit.setInMemoryFormat(InMemoryFormat.BINARY);
    audit.addIndexConfig(new IndexConfig(IndexType.SORTED, GridAuditLog.KEY));
    audit.addIndexConfig(new IndexConfig(IndexType.HASH, "modelId"));
    audit.addIndexConfig(new IndexConfig(IndexType.HASH, "actor"));
    audit.addIndexConfig(new IndexConfig(IndexType.HASH, "action"));
  }

  /**
   * Synchronous backups as configured, and a Near Cache on every member sized for the cap: object
   * format (a hit returns the stored immutable model), local entries cached too (without it a lone
   * member never hits its Near Cache), invalidated on every change. No indexes: lists and the export
   * come from each member's own ordered index ({@link ModelIndex}), and the few queries over the whole
   * map (the metric-sorted list, a list until that index is loaded) filter the Compact records in
   * place; three Hazelcast indexes cost about 380 bytes of heap per model.
   */
  private static void configureModels(MapConfig models, RegistryConfig settings) {
    models.setBackupCount(settings.cluster().backupCount()).setAsyncBackupCount(0);
    models.setInMemoryFormat(InMemoryFormat.BINARY);
    int capacity = settings.node().maxModels() + settings.node().maxModels() / 10 + 16;
    models.setNearCacheConfig(new NearCacheConfig(GridModelRegistry.MAP_NAME)
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
