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
 * @param auditRetention how many audit entries the grid keeps (the oldest go first)
 * @param redisUrl {@code redis://[[user]:password@]host[:port][/db]}, used when persistence is redis
 * @param redisConnectTimeout how long connecting to Redis may take
 * @param redisCommandTimeout how long one Redis command may take; a write past it answers 503
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
    Duration redisConnectTimeout,
    Duration redisCommandTimeout,
    Path dataDir,
    JwtSettings jwt,
    int auditRetention,
    Map<String, Set<String>> roles,
    Optional<Path> confDir) {

  public RegistryConfig {
    clusterMembers = List.copyOf(clusterMembers);
    roles = Map.copyOf(roles);
  }

  /** This configuration with HTTP listening on {@code host} instead (development mode binds to loopback). */
  public RegistryConfig withHttpHost(String host) {
    return new RegistryConfig(host, httpPort, httpInstances, maxBodySize, clusterName, clusterMembers, clusterHost,
        clusterPort, backupCount, eventBusHost, eventBusPort, eventBusPublicHost, requestTimeout, drainDelay,
        nearCacheReconciliation, maxModels,
        persistence, redisUrl, redisConnectTimeout, redisCommandTimeout, dataDir, jwt, auditRetention, roles, confDir);
  }

  /** The number of API verticle instances to deploy. */
  public int effectiveHttpInstances() {
    return httpInstances > 0 ? httpInstances : Runtime.getRuntime().availableProcessors();
  }
}
