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
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.RegistryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the Hazelcast {@link Config} of a registry member: {@code cluster.xml} from the
 * configuration directory (or the copy bundled in the jar), then the {@code MODEL_REGISTRY_CLUSTER_*}
 * settings over it, then what the registry's guarantees depend on, whatever the file says.
 */
public final class GridConfig {

  static final String CLUSTER_FILE = "cluster.xml";
  private static final String BUNDLED = "/default-conf/" + CLUSTER_FILE;

  private GridConfig() {
  }

  public static Config build(RegistryConfig settings) {
    Config config = load(settings);
    config.setClusterName(settings.clusterName());
    configureNetwork(config.getNetworkConfig(), settings);
    configureModels(config.getMapConfig(GridModelRegistry.MAP_NAME), settings);
    config.getMapConfig(ModelSlots.MAP_NAME).setBackupCount(settings.backupCount()).setAsyncBackupCount(0);
    GridSerialization.register(config.getSerializationConfig());
    config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
    configureInvalidation(config, settings);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    return config;
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
        String.valueOf(settings.nearCacheReconciliation().toSeconds()));
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
    network.setPort(settings.clusterPort()).setPortAutoIncrement(false);
    network.setPublicAddress(null);
    network.getInterfaces().setEnabled(true).clear().addInterface(settings.clusterHost());
    var join = network.getJoin();
    if (join.getTcpIpConfig().isEnabled()) {
      join.getTcpIpConfig().setMembers(settings.clusterMembers());
    }
  }

  /**
   * Synchronous backups as configured, and a Near Cache on every member sized for the cap: object
   * format (a hit returns the stored immutable model), local entries cached too (without it a lone
   * member never hits its Near Cache), invalidated on every change.
   */
  private static void configureModels(MapConfig models, RegistryConfig settings) {
    models.setBackupCount(settings.backupCount()).setAsyncBackupCount(0);
    models.setInMemoryFormat(InMemoryFormat.BINARY);
    models.addIndexConfig(new IndexConfig(IndexType.SORTED, "id"));
    models.addIndexConfig(new IndexConfig(IndexType.HASH, "baseModel"));
    models.addIndexConfig(new IndexConfig(IndexType.HASH, "status"));
    int capacity = settings.maxModels() + settings.maxModels() / 10 + 16;
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
