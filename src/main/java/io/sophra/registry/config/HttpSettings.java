package io.sophra.registry.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how the HTTP API listens.
 *
 * @param instances API verticle instances sharing the port; 0 means one per core
 * @param maxBodySize request body limit in bytes
 * @param idleTimeout a connection with no traffic for this long is closed
 * @param maxConnections open HTTP connections this node accepts at once; one more is closed at once
 * @param trustedProxies the peers whose {@code X-Forwarded-For} is believed (empty: nobody's)
 */
public record HttpSettings(String host, int port, int instances, int maxBodySize, Duration idleTimeout,
    int maxConnections, List<AddressBlock> trustedProxies) {

  public static final Setting HOST = new Setting("MODEL_REGISTRY_HTTP_HOST", "http.host", "where the API listens");
  public static final Setting PORT = new Setting("MODEL_REGISTRY_HTTP_PORT", "http.port", "the API's port");
  public static final Setting INSTANCES = new Setting("MODEL_REGISTRY_HTTP_INSTANCES", "http.instances",
      "API verticle instances sharing the port (0: one per core)");
  public static final Setting MAX_BODY_SIZE = new Setting("MODEL_REGISTRY_MAX_BODY_SIZE", "http.maxBodySize",
      "request body limit in bytes; larger bodies get 413 without being read whole");
  public static final Setting IDLE_TIMEOUT = new Setting("MODEL_REGISTRY_HTTP_IDLE_TIMEOUT", "http.idleTimeout",
      "a connection without traffic for this long is closed (1s to 1h; keep it above the load balancer's own)");
  public static final Setting MAX_CONNECTIONS = new Setting("MODEL_REGISTRY_HTTP_MAX_CONNECTIONS",
      "http.maxConnections", "open HTTP connections this node accepts at once; one more is closed at once");
  public static final Setting TRUSTED_PROXIES = new Setting("MODEL_REGISTRY_HTTP_TRUSTED_PROXIES", "http.trustedProxies",
      "IP addresses or CIDR blocks of proxies, comma-separated, whose `X-Forwarded-For` gives the client address"
          + " in refusal lines; empty: the header is ignored");
  static final List<Setting> SETTINGS = List.of(HOST, PORT, INSTANCES, MAX_BODY_SIZE, IDLE_TIMEOUT, MAX_CONNECTIONS,
      TRUSTED_PROXIES);

  public HttpSettings {
    trustedProxies = List.copyOf(trustedProxies);
  }

  static HttpSettings read(SettingsSource source) {
    return new HttpSettings(source.string(HOST), source.port(PORT), source.integer(INSTANCES, 0, 64),
        source.integer(MAX_BODY_SIZE, 1024, 64 * 1024 * 1024),
        source.duration(IDLE_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1)),
        source.integer(MAX_CONNECTIONS, 1, 1_000_000), addressBlocks(source, TRUSTED_PROXIES));
  }

  private static List<AddressBlock> addressBlocks(SettingsSource source, Setting setting) {
    List<AddressBlock> blocks = new ArrayList<>();
    for (String entry : source.list(setting)) {
      blocks.add(AddressBlock.parse(entry).orElseThrow(() -> ConfigException.invalid(setting, entry,
          "must be IP addresses or CIDR blocks such as 10.0.0.7 or 10.0.0.0/8, separated by commas")));
    }
    return blocks;
  }

  /** The same settings listening on {@code host} instead (development mode binds to loopback). */
  public HttpSettings withHost(String loopback) {
    return new HttpSettings(loopback, port, instances, maxBodySize, idleTimeout, maxConnections, trustedProxies);
  }

  /** The number of API verticle instances to deploy. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }
}
