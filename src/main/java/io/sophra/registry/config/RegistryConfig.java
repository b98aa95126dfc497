package io.sophra.registry.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node's whole configuration, loaded once by {@link ConfigLoader} and passed to constructors.
 *
 * @param httpInstances API verticle instances; 0 means one per core
 * @param clusterMembers TCP-IP join list, {@code host[:port]} each
 * @param clusterHost the interface Hazelcast binds to and advertises
 * @param eventBusPort 0 picks a random port
 * @param drainDelay how long a stopping node answers 503 on /health/ready while still serving,
 *     before its HTTP server stops (zero: stop at once)
 * @param nearCacheReconciliation how often each member compares its Near Cache with the owners'
 *     invalidation sequences, the bound on staleness after a lost invalidation (at least 30 s)
 * @param roles role name → permission names
 */
public record RegistryConfig(
    String httpHost,
    int httpPort,
    int httpInstances,
    int maxBodySize,
    String clusterName,
    List<String> clusterMembers,
    String clusterHost,
    int clusterPort,
    int backupCount,
    String eventBusHost,
    int eventBusPort,
    Optional<String> eventBusPublicHost,
    Duration requestTimeout,
    Duration drainDelay,
    Duration nearCacheReconciliation,
    int maxModels,
    Persistence persistence,
    String redisUrl,
    Path dataDir,
    JwtSettings jwt,
    Map<String, Set<String>> roles,
    Optional<Path> confDir) {

  public RegistryConfig {
    clusterMembers = List.copyOf(clusterMembers);
    roles = Map.copyOf(roles);
  }

  /** The number of API verticle instances to deploy. */
  public int effectiveHttpInstances() {
    return httpInstances > 0 ? httpInstances : Runtime.getRuntime().availableProcessors();
  }
}
