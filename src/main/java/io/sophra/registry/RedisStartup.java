package io.sophra.registry;

import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.Persistence;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.config.Setting;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.persistence.InitialLoad;
import io.sophra.registry.persistence.RedisModelStore;
import io.sophra.registry.persistence.RedisUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up steps of {@code MODEL_REGISTRY_PERSISTENCE=redis}: connect to Redis before the member
 * starts (a bad URL or an unreachable Redis stops start-up with one line naming the setting), and,
 * once the models map is open, make sure the eager load brought in every model Redis holds.
 */
final class RedisStartup {

  private static final Logger LOG = LoggerFactory.getLogger(RedisStartup.class);

  private RedisStartup() {
  }

  /** The connected store, or empty in memory mode. Connects on a thread of its own, never the caller's. */
  static Future<Optional<RedisModelStore>> connect(RegistryConfig config) {
    if (config.persistence() != Persistence.REDIS) {
      return Future.succeededFuture(Optional.empty());
    }
    Promise<Optional<RedisModelStore>> promise = Promise.promise();
    Thread connecting = new Thread(() -> {
      try {
        promise.complete(Optional.of(connectNow(config)));
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    }, "redis-connect");
    connecting.setDaemon(true);
    connecting.start();
    return promise.future();
  }

  private static RedisModelStore connectNow(RegistryConfig config) {
    try {
      return RedisModelStore.connect(config.redisUrl(), config.redisConnectTimeout(), config.redisCommandTimeout());
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid(Setting.REDIS_URL, RedisModelStore.redact(config.redisUrl()), e.getMessage());
    } catch (RedisUnavailableException e) {
      throw failure(e.getMessage());
    }
  }

  /**
   * Checks the eager load that opening the models map waited for: any load failure this member saw,
   * or fewer models in the grid than this member listed in Redis, stops start-up. Then sets the
   * cluster-wide count that MODEL_REGISTRY_MAX_MODELS is enforced against.
   */
  static Future<Void> confirmLoad(GridModelRegistry models, RedisModelStore redis, long openedAfterNanos) {
    return models.modelCount().compose(count -> {
      InitialLoad load = redis.initialLoad();
      if (load.failure().isPresent()) {
        return Future.failedFuture(failure("loading the models from Redis at " + redis.description()
            + " failed: " + load.failure().get()));
      }
      if (load.keysListed().isPresent() && count < load.keysListed().getAsInt()) {
        return Future.failedFuture(failure("the grid holds " + count + " models after loading, but Redis at "
            + redis.description() + " holds " + load.keysListed().getAsInt()));
      }
      LOG.info("Models map open with {} models from Redis at {} after {} ms", count, redis.description(),
          TimeUnit.NANOSECONDS.toMillis(openedAfterNanos));
      return models.resyncCount();
    });
  }

  private static ConfigException failure(String message) {
    return new ConfigException(Setting.REDIS_URL.variable() + " (config.json \"" + Setting.REDIS_URL.jsonPath()
        + "\"): " + message);
  }
}
