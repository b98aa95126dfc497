package io.sophra.registry.persistence;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelJson;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading side of {@link RedisModelStore}: the ids under its prefix and the models they hold, read
 * at start-up (Hazelcast's eager load) and counted on demand. Blocking, on Hazelcast's or a worker's
 * thread. Notes the first failure for start-up to check, rather than throwing into Hazelcast's load.
 */
final class RedisModelReader {

  private static final Logger LOG = LoggerFactory.getLogger(RedisModelStore.class);
  private static final int SCAN_COUNT = 1000;
  private static final int MGET_BATCH = 100;

  private final RedisEndpoint endpoint;
  private final RedisConnector.Connected redis;
  private final RedisCommands<String, String> commands;
  private final AtomicReference<String> loadFailure = new AtomicReference<>();

  RedisModelReader(RedisEndpoint endpoint, RedisConnector.Connected redis) {
    this.endpoint = endpoint;
    this.redis = redis;
    this.commands = redis.connection().sync();
  }

  /**
   * Reads the models in pipelined batches of {@value #MGET_BATCH} (Hazelcast asks in chunks of 1,000).
   * Never throws: every failure (each unreadable value too) is noted for {@link #loadFailure()},
   * which start-up checks, and what could be read is returned. A loader that throws makes Hazelcast
   * rethrow the failure once, to the first operation on each partition, and then serve what it has.
   */
  Map<String, ModelConfig> loadAll(Collection<String> ids) {
    Map<String, ModelConfig> models = new HashMap<>();
    try {
      List<RedisFuture<List<KeyValue<String, String>>>> batches = new ArrayList<>();
      List<String> keys = ids.stream().map(RedisModelStore::key).toList();
      for (int from = 0; from < keys.size(); from += MGET_BATCH) {
        String[] batch = keys.subList(from, Math.min(keys.size(), from + MGET_BATCH)).toArray(String[]::new);
        batches.add(redis.connection().async().mget(batch));
      }
      for (RedisFuture<List<KeyValue<String, String>>> batch : batches) {
        for (KeyValue<String, String> value : LettuceFutures.awaitOrCancel(batch,
            endpoint.uri().getTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
          if (value.hasValue()) {
            decode(value.getKey(), value.getValue()).ifPresent(model -> models.put(model.id(), model));
          }
        }
      }
    } catch (RuntimeException e) {
      loadFailed(e);
    }
    return models;
  }

  /** Lists the ids under {@link RedisModelStore#KEY_PREFIX}; on failure notes it and lists none (see {@link #loadAll}). */
  Iterable<String> loadAllKeys() {
    try {
      List<String> ids = scanIds();
      LOG.info("Found {} models in Redis at {}", ids.size(), endpoint.description());
      return ids;
    } catch (RuntimeException e) {
      loadFailed(e);
      return List.of();
    }
  }

  /**
   * How many models Redis holds now (a SCAN of the prefix; blocking).
   *
   * @throws RedisUnavailableException if Redis does not answer
   */
  int countModels() {
    try {
      return scanIds().size();
    } catch (RedisException e) {
      throw endpoint.failure(e).unavailable();
    }
  }

  private List<String> scanIds() {
    Set<String> ids = new LinkedHashSet<>();
    ScanArgs match = ScanArgs.Builder.matches(RedisModelStore.KEY_PREFIX + "*").limit(SCAN_COUNT);
    KeyScanCursor<String> cursor = commands.scan(match);
    while (true) {
      cursor.getKeys().forEach(key -> ids.add(key.substring(RedisModelStore.KEY_PREFIX.length())));
      if (cursor.isFinished()) {
        return List.copyOf(ids);
      }
      cursor = commands.scan(cursor, match);
    }
  }

  private void loadFailed(RuntimeException e) {
    String message = e instanceof RedisException redisFailure ? describe(endpoint.failure(redisFailure))
        : e.getMessage();
    LOG.error("Loading models from Redis at {} failed: {}", endpoint.description(), message);
    loadFailure.compareAndSet(null, message);
  }

  /** For the operator (start-up stops with it): the fixed words and Redis's own. */
  private static String describe(RedisFailure failure) {
    return failure.clientText() + ": " + failure.detail();
  }

  /** The first failure this member's store met while loading models, if any. */
  Optional<String> loadFailure() {
    return Optional.ofNullable(loadFailure.get());
  }

  /** The model a value holds, or empty (the failure noted) if it is not one in the registry's JSON form. */
  private Optional<ModelConfig> decode(String key, String value) {
    try {
      ModelConfig model = ModelJson.fromJson(new JsonObject(value));
      if (key.equals(RedisModelStore.key(model.id()))) {
        return Optional.of(model);
      }
      loadFailed(new IllegalStateException("Redis key " + key + " holds the model '" + model.id() + "'"));
    } catch (RuntimeException e) {
      loadFailed(new IllegalStateException("Redis key " + key + " does not hold a model in the registry's JSON form ("
          + e.getMessage() + ")"));
    }
    return Optional.empty();
  }
}
