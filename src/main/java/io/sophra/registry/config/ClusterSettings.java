package io.sophra.registry.config;

import java.time.Duration;
import java.util.List;

/**
 * The Hazelcast member of this node: which cluster it joins and how, how the grid keeps its data, and
 * how it behaves when the network splits.
 *
 * @param members TCP-IP join list, {@code host[:port]} each
 * @param host the interface Hazelcast binds to and advertises
 * @param backupCount synchronous backups of every entry
 * @param nearCacheReconciliation how often each member compares its Near Cache with the owners'
 *     invalidation sequences, the bound on staleness after a lost invalidation (at least 30 s)
 * @param size the number of members the cluster is meant to have; above 1, a member that sees fewer
 *     than a strict majority of them refuses to read or write models (split-brain protection)
 * @param heartbeatTimeout how long a member may stay silent before the others remove it
 * @param mergeInterval how often a cluster looks for another one it split from, to merge with it
 */
public record ClusterSettings(String name, List<String> members, String host, int port, int backupCount,
    Duration nearCacheReconciliation, int size, Duration heartbeatTimeout, Duration mergeInterval) {

  /** Hazelcast keeps at most six backups, so a strict majority can hold a copy of everything up to 13 members. */
  static final int MAX_SIZE = 13;

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
  public static final Setting SIZE = new Setting("MODEL_REGISTRY_CLUSTER_SIZE", "cluster.size",
      "members the cluster is meant to have (1 to 13); above 1, a node that sees fewer than a strict majority of"
          + " them answers 503 instead of reading or writing models (see [Split brain](#split-brain))");
  public static final Setting HEARTBEAT_TIMEOUT = new Setting("MODEL_REGISTRY_HEARTBEAT_TIMEOUT",
      "cluster.heartbeatTimeout", "a member silent this long is removed from the cluster (3s to 5m, whole seconds;"
          + " heartbeats every second)");
  public static final Setting MERGE_INTERVAL = new Setting("MODEL_REGISTRY_MERGE_INTERVAL", "cluster.mergeInterval",
      "how often a cluster looks for the other side of a healed network split to merge with it (1s to 1h)");
  static final List<Setting> SETTINGS = List.of(NAME, MEMBERS, HOST, PORT, BACKUP_COUNT, NEAR_CACHE_RECONCILIATION,
      SIZE, HEARTBEAT_TIMEOUT, MERGE_INTERVAL);
  static final String LOOPBACK = "127.0.0.1";

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /** Members a node must see to read and write models: a strict majority of {@link #size}. */
  public int majority() {
    return size / 2 + 1;
  }

  /** Whether a node without a majority refuses to serve models (any expected size above one). */
  public boolean splitBrainProtected() {
    return size > 1;
  }

  /**
   * The same member confined to this machine (development mode): bound to 127.0.0.1, joining only
   * the loopback entries of the member list (or itself), so it cannot join a cluster elsewhere.
   */
  public ClusterSettings confinedToLoopback() {
    List<String> local = members.stream().filter(ClusterSettings::isLoopback).toList();
    return new ClusterSettings(name, local.isEmpty() ? List.of(LOOPBACK + ":" + port) : local, LOOPBACK, port,
        backupCount, nearCacheReconciliation, size, heartbeatTimeout, mergeInterval);
  }

  /** Whether a {@code host[:port]} entry names this machine by a loopback literal or {@code localhost}. */
  static boolean isLoopback(String member) {
    String host = member.startsWith("[") ? member.substring(1, Math.max(1, member.indexOf(']')))
        : member.chars().filter(c -> c == ':').count() == 1 ? member.substring(0, member.indexOf(':')) : member;
    return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
  }

  static ClusterSettings read(SettingsSource source) {
    int backupCount = source.integer(BACKUP_COUNT, 0, 6);
    int size = source.integer(SIZE, 1, MAX_SIZE);
    // The largest side without a majority holds size - majority members; every model needs a copy
    // outside it, so that the majority never misses a model the other side holds.
    int minorityAtMost = size - (size / 2 + 1);
    if (backupCount < minorityAtMost) {
      throw ConfigException.of(BACKUP_COUNT, "must be at least " + minorityAtMost + " when "
          + SIZE.variable() + " is " + size + ", so that any majority of the members holds a copy of every model"
          + " (it is " + backupCount + ")");
    }
    return new ClusterSettings(source.string(NAME), source.list(MEMBERS), source.string(HOST), source.port(PORT),
        backupCount, source.duration(NEAR_CACHE_RECONCILIATION, Duration.ofSeconds(30), Duration.ofHours(24)),
        size, wholeSeconds(source.duration(HEARTBEAT_TIMEOUT, Duration.ofSeconds(3), Duration.ofMinutes(5))),
        wholeSeconds(source.duration(MERGE_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1))));
  }

  /** Hazelcast counts these in seconds: a fraction is rounded up. */
  private static Duration wholeSeconds(Duration duration) {
    long seconds = duration.toSeconds();
    return Duration.ofSeconds(duration.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
  }
}
