package io.sophra.registry.persistence;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelJson;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models map's {@link MapStore} over Redis (layout in {@code package-info}).
 *
 * <p>Hazelcast calls {@link #store} and {@link #delete} before it changes the grid, on its own
 * threads, and a write whose store call throws is not applied: so a write Redis does not accept
 * fails with {@link RedisUnavailableException}, bounded by the command timeout. {@link #load} answers
 * null without asking Redis: after the eager load the grid holds every model, and a miss is a miss.
 */
public final class RedisModelStore implements MapStore<String, ModelConfig>, MapLoaderLifecycleSupport, AutoCloseable {

  /** Every model is the string key {@code KEY_PREFIX + id}. */
  public static final String KEY_PREFIX = "model-registry:model:";
  private static final Logger LOG = LoggerFactory.getLogger(RedisModelStore.class);
  private static final int SCAN_COUNT = 1000;
  private static final int MGET_BATCH = 100;

  private final RedisEndpoint endpoint;
  private final RedisConnector.Connected redis;
  private final RedisCommands<String, String> commands;
  private final RedisFailureLog failures;
  private final AtomicReference<String> loadFailure = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisModelStore(RedisEndpoint endpoint, RedisConnector.Connected redis) {
    this.endpoint = endpoint;
    this.redis = redis;
    this.commands = redis.connection().sync();
    this.failures = new RedisFailureLog(endpoint.description());
  }

  /**
   * Connects to Redis and checks that it answers; blocks for at most about the connect timeout plus
   * the command timeout.
   *
   * @throws IllegalArgumentException if the URL is not a Redis URL (the message says why)
   * @throws RedisUnavailableException if Redis cannot be reached or refuses the credentials
   */
  public static RedisModelStore connect(String url, Duration connectTimeout, Duration commandTimeout) {
    RedisEndpoint endpoint = RedisEndpoint.parse(url, commandTimeout);
    return new RedisModelStore(endpoint, RedisConnector.connect(endpoint, connectTimeout));
  }

  /** The URL with its credentials hidden. */
  public static String redact(String url) {
    return RedisEndpoint.redact(url);
  }

  /** Scheme, host, port and database this store writes to. */
  public String description() {
    return endpoint.description();
  }

  @Override
  public void store(String id, ModelConfig model) {
    write(id, () -> commands.set(key(id), encode(model)));
  }

  @Override
  public void storeAll(Map<String, ModelConfig> models) {
    Map<String, String> values = new HashMap<>();
    models.forEach((id, model) -> values.put(key(id), encode(model)));
    write(models.keySet().toString(), () -> commands.mset(values));
  }

  @Override
  public void delete(String id) {
    write(id, () -> commands.del(key(id)), false);
  }

  @Override
  public void deleteAll(Collection<String> ids) {
    write(ids.toString(), () -> commands.del(ids.stream().map(RedisModelStore::key).toArray(String[]::new)), false);
  }

  private void write(String what, Runnable command) {
    write(what, command, true);
  }

  /**
   * Runs a write; a failure reaches the caller in fixed words, and Redis's own in the log (once per
   * kind). Only a stored value counts as Redis taking writes again: Redis runs deletions even when it
   * refuses every write for lack of memory.
   */
  private void write(String what, Runnable command, boolean storesValue) {
    try {
      command.run();
    } catch (RedisException e) {
      RedisFailure failure = endpoint.failure(e);
      failures.failed(failure, what);
      throw failure.unavailable();
    }
    if (storesValue) {
      failures.succeeded();
    }
  }

  /** Null: the grid, loaded eagerly, holds every model, so a key it lacks is not in Redis either. */
  @Override
  public ModelConfig load(String id) {
    return null;
  }

  /**
   * Reads the models in pipelined batches of {@value #MGET_BATCH} (Hazelcast asks in chunks of 1,000).
   * Never throws: every failure (each unreadable value too) is noted for {@link #loadFailure()},
   * which start-up checks, and what could be read is returned. A loader that throws makes Hazelcast
   * rethrow the failure once, to the first operation on each partition, and then serve what it has.
   */
  @Override
  public Map<String, ModelConfig> loadAll(Collection<String> ids) {
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

  /** Lists the ids under {@link #KEY_PREFIX}; on failure notes it and lists none (see {@link #loadAll}). */
  @Override
  public Iterable<String> loadAllKeys() {
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
  public int countModels() {
    try {
      return scanIds().size();
    } catch (RedisException e) {
      throw endpoint.failure(e).unavailable();
    }
  }

  private List<String> scanIds() {
    Set<String> ids = new LinkedHashSet<>();
    ScanArgs match = ScanArgs.Builder.matches(KEY_PREFIX + "*").limit(SCAN_COUNT);
    KeyScanCursor<String> cursor = commands.scan(match);
    while (true) {
      cursor.getKeys().forEach(key -> ids.add(key.substring(KEY_PREFIX.length())));
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
  public Optional<String> loadFailure() {
    return Optional.ofNullable(loadFailure.get());
  }

  static String key(String id) {
    return KEY_PREFIX + id;
  }

  private static String encode(ModelConfig model) {
    return ModelJson.toJson(model).encode();
  }

  /** The model a value holds, or empty (the failure noted) if it is not one in the registry's JSON form. */
  private Optional<ModelConfig> decode(String key, String value) {
    try {
      ModelConfig model = ModelJson.fromJson(new JsonObject(value));
      if (key.equals(key(model.id()))) {
        return Optional.of(model);
      }
      loadFailed(new IllegalStateException("Redis key " + key + " holds the model '" + model.id() + "'"));
    } catch (RuntimeException e) {
      loadFailed(new IllegalStateException("Redis key " + key + " does not hold a model in the registry's JSON form ("
          + e.getMessage() + ")"));
    }
    return Optional.empty();
  }

  @Override
  public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
    // connected already, in connect(): start-up fails there, before the member starts
  }

  @Override
  public void destroy() {
    close();
  }

  /** Closes the connection and the client's threads; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      redis.close();
    }
  }
}
