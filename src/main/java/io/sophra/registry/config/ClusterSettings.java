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
  static final String LOOPBACK = "127.0.0.1";

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /**
   * The same member confined to this machine (development mode): bound to 127.0.0.1, joining only
   * the loopback entries of the member list (or itself), so it cannot join a cluster elsewhere.
   */
  public ClusterSettings confinedToLoopback() {
    List<String> local = members.stream().filter(ClusterSettings::isLoopback).toList();
    return new ClusterSettings(name, local.isEmpty() ? List.of(LOOPBACK + ":" + port) : local, LOOPBACK, port,
        backupCount, nearCacheReconciliation);
  }

  /** Whether a {@code host[:port]} entry names this machine by a loopback literal or {@code localhost}. */
  static boolean isLoopback(String member) {
    String host = member.startsWith("[") ? member.substring(1, Math.max(1, member.indexOf(']')))
        : member.chars().filter(c -> c == ':').count() == 1 ? member.substring(0, member.indexOf(':')) : member;
    return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
  }

  static ClusterSettings read(SettingsSource source) {
    return new ClusterSettings(source.string(NAME), source.list(MEMBERS), source.string(HOST), source.port(PORT),
        source.integer(BACKUP_COUNT, 0, 6),
        source.duration(NEAR_CACHE_RECONCILIATION, Duration.ofSeconds(30), Duration.ofHours(24)));
  }
}
