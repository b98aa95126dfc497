package io.sophra.registry.config;

import java.time.Duration;
import java.util.List;

/**
 * The Hazelcast member of this node: which cluster it joins and how, and how the grid keeps its data.
 *
 * @param members TCP-IP join list, {@code host[:port]} each
 * @param host the interface Hazelcast binds to and advertises
 * @param backupCount synchronous backups of every entry
 * @param nearCacheReconciliation how often each member compares its Near Cache with the owners'
 *     invalidation sequences, the bound on staleness after a lost invalidation (at least 30 s)
 */
public record ClusterSettings(String name, List<String> members, String host, int port, int backupCount,
    Duration nearCacheReconciliation) {

  public static final Setting NAME = new Setting("MODEL_REGISTRY_CLUSTER_NAME", "cluster.name", "Hazelcast cluster name");
  public static final Setting MEMBERS = new Setting("MODEL_REGISTRY_CLUSTER_MEMBERS", "cluster.members",
      "TCP-IP join list, `host[:port],...`");
  public static final Setting HOST = new Setting("MODEL_REGISTRY_CLUSTER_HOST", "cluster.host",
      "interface the Hazelcast member binds to and advertises");
  public static final Setting PORT = new Setting("MODEL_REGISTRY_CLUSTER_PORT", "cluster.port",
      "this member's Hazelcast port");
  public static final Setting BACKUP_COUNT = new Setting("MODEL_REGISTRY_BACKUP_COUNT", "cluster.backupCount",
      "synchronous backups of each model");
  public static final Setting NEAR_CACHE_RECONCILIATION = new Setting("MODEL_REGISTRY_NEAR_CACHE_RECONCILIATION",
      "cluster.nearCacheReconciliation", "how often Near Caches are checked against the owners, the bound on"
          + " staleness after a lost invalidation (30s to 24h)");
  static final List<Setting> SETTINGS = List.of(NAME, MEMBERS, HOST, PORT, BACKUP_COUNT, NEAR_CACHE_RECONCILIATION);

  public ClusterSettings {
    members = List.copyOf(members);
  }

  static ClusterSettings read(SettingsSource source) {
    return new ClusterSettings(source.string(NAME), source.list(MEMBERS), source.string(HOST), source.port(PORT),
        source.integer(BACKUP_COUNT, 0, 6),
        source.duration(NEAR_CACHE_RECONCILIATION, Duration.ofSeconds(30), Duration.ofHours(24)));
  }
}
