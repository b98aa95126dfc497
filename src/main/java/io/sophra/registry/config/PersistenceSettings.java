package io.sophra.registry.config;

import java.time.Duration;
import java.util.List;

/**
 * Where the durable copy of the models lives.
 *
 * @param redisUrl {@code redis://[[user]:password@]host[:port][/db]}, used when the mode is redis
 * @param redisConnectTimeout how long connecting to Redis may take
 * @param redisCommandTimeout how long one Redis command may take; a write past it answers 503
 */
public record PersistenceSettings(Persistence mode, String redisUrl, Duration redisConnectTimeout,
    Duration redisCommandTimeout) {

  public static final Setting MODE = new Setting("MODEL_REGISTRY_PERSISTENCE", "persistence.mode",
      "`memory` or `redis`");
  public static final Setting REDIS_URL = new Setting("MODEL_REGISTRY_REDIS_URL", "persistence.redisUrl",
      "Redis for `redis` persistence: `redis://[[user]:password@]host[:port][/db]`");
  public static final Setting REDIS_CONNECT_TIMEOUT = new Setting("MODEL_REGISTRY_REDIS_CONNECT_TIMEOUT",
      "persistence.redisConnectTimeout", "longest wait for a connection to Redis");
  public static final Setting REDIS_COMMAND_TIMEOUT = new Setting("MODEL_REGISTRY_REDIS_COMMAND_TIMEOUT",
      "persistence.redisCommandTimeout", "longest wait for one Redis command; a write past it answers 503");
  static final List<Setting> SETTINGS = List.of(MODE, REDIS_URL, REDIS_CONNECT_TIMEOUT, REDIS_COMMAND_TIMEOUT);

  static PersistenceSettings read(SettingsSource source) {
    return new PersistenceSettings(source.choice(MODE, Persistence.class), source.string(REDIS_URL),
        source.duration(REDIS_CONNECT_TIMEOUT), source.duration(REDIS_COMMAND_TIMEOUT));
  }
}
