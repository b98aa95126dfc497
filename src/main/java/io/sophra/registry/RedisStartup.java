package io.sophra.registry;

import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.Persistence;
import io.sophra.registry.config.PersistenceSettings;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.grid.GridModelRegistry;
import io.sophra.registry.persistence.RedisModelStore;
import io.sophra.registry.persistence.RedisUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
  private static final int COUNT_CHECKS = 10;
  private static final long COUNT_CHECK_PAUSE_MILLIS = 300;

  private RedisStartup() {
  }

  /** The connected store, or empty in memory mode. Connects on a thread of its own, never the caller's. */
  static Future<Optional<RedisModelStore>> connect(RegistryConfig config) {
    if (config.persistence().mode() != Persistence.REDIS) {
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
      return RedisModelStore.connect(config.persistence().redisUrl(), config.persistence().redisConnectTimeout(), config.persistence().redisCommandTimeout());
    } catch (IllegalArgumentException e) {
      throw ConfigException.invalid(PersistenceSettings.REDIS_URL, RedisModelStore.redact(config.persistence().redisUrl()), e.getMessage());
    } catch (RedisUnavailableException e) {
      throw failure(e.getMessage());
    }
  }

  /**
   * Checks the eager load that opening the models map waited for: a load failure this member's store
   * met, or fewer models in the grid than in Redis (say another member's load failed), stops
   * start-up. Registrations in flight reach Redis a moment before the grid, so a shortfall is
   * looked at again for a few seconds before it counts. Then sets the cluster-wide count that
   * MODEL_REGISTRY_MAX_MODELS is enforced against.
   */
  static Future<Void> confirmLoad(Vertx vertx, GridModelRegistry models, RedisModelStore redis, long openedAfterNanos) {
    Optional<String> loadFailure = redis.loadFailure();
    if (loadFailure.isPresent()) {
      return Future.failedFuture(failure("loading the models from Redis at " + redis.description() + " failed: "
          + loadFailure.get()));
    }
    return compareCounts(vertx, models, redis, COUNT_CHECKS).compose(count -> {
      LOG.info("Models map open with {} models from Redis at {} after {} ms", count, redis.description(),
          TimeUnit.NANOSECONDS.toMillis(openedAfterNanos));
      return models.resyncCount();
    });
  }

  private static Future<Integer> compareCounts(Vertx vertx, GridModelRegistry models, RedisModelStore redis,
      int checksLeft) {
    return models.modelCount().compose(inGrid -> vertx.executeBlocking(redis::countModels, false)
        .recover(unavailable -> Future.failedFuture(failure(unavailable.getMessage())))
        .compose(inRedis -> {
          if (inGrid >= inRedis) {
            return Future.succeededFuture(inGrid);
          }
          if (checksLeft <= 1) {
            return Future.failedFuture(failure("the grid holds " + inGrid + " models after loading, but Redis at "
                + redis.description() + " holds " + inRedis));
          }
          return vertx.timer(COUNT_CHECK_PAUSE_MILLIS)
              .compose(paused -> compareCounts(vertx, models, redis, checksLeft - 1));
        }));
  }

  private static ConfigException failure(String message) {
    return new ConfigException(PersistenceSettings.REDIS_URL.variable() + " (config.json \"" + PersistenceSettings.REDIS_URL.jsonPath()
        + "\"): " + message);
  }
}
