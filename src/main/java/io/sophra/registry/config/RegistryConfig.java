package io.sophra.registry.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The node's whole configuration, loaded once by {@link ConfigLoader} and passed to constructors:
 * one record per group of settings, each group declaring its own {@link Setting}s and reading them.
 * A new setting is added to one group (and its default to {@code conf/config.json}).
 *
 * @param roles role name → permission names
 * @param confDir where {@code config.json} and {@code cluster.xml} were looked for, if anywhere
 */
public record RegistryConfig(
    NodeSettings node,
    HttpSettings http,
    ClusterSettings cluster,
    EventBusSettings eventBus,
    PersistenceSettings persistence,
    JwtSettings jwt,
    AuditSettings audit,
    AliasSettings aliases,
    MetricSettings metrics,
    LogSettings logging,
    BackupSettings backup,
    TlsSettings tls,
    FeedSettings feed,
    Map<String, Set<String>> roles,
    Optional<Path> confDir) {

  public RegistryConfig {
    roles = Map.copyOf(roles);
  }

  static RegistryConfig read(SettingsSource source, Optional<Path> confDir) {
    return new RegistryConfig(NodeSettings.read(source), HttpSettings.read(source), ClusterSettings.read(source),
        EventBusSettings.read(source), PersistenceSettings.read(source), JwtSettings.read(source),
        AuditSettings.read(source), AliasSettings.read(source), MetricSettings.read(source), LogSettings.read(source),
        BackupSettings.read(source), TlsSettings.read(source), FeedSettings.read(source), RoleSettings.read(source),
        confDir);
  }

  /**
   * This configuration confined to this machine, as development mode runs: HTTP, the Hazelcast member
   * and the event bus on 127.0.0.1, joining loopback members only. A node whose key was forgotten
   * can then neither serve the network nor join a production cluster.
   */
  public RegistryConfig confinedToLoopback() {
    return new RegistryConfig(node, http.withHost(ClusterSettings.LOOPBACK), cluster.confinedToLoopback(),
        eventBus.confinedToLoopback(), persistence, jwt, audit, aliases, metrics,
        logging, backup, tls, feed, roles, confDir);
  }
}
