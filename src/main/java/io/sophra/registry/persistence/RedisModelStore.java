package io.sophra.registry.persistence;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelJson;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
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

  private final RedisEndpoint endpoint;
  private final RedisConnector.Connected redis;
  private final RedisCommands<String, String> commands;
  private final RedisFailureLog failures;
  private final RedisModelReader reader;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisModelStore(RedisEndpoint endpoint, RedisConnector.Connected redis) {
    this.endpoint = endpoint;
    this.redis = redis;
    this.commands = redis.connection().sync();
    this.failures = new RedisFailureLog(endpoint.description());
    this.reader = new RedisModelReader(endpoint, redis);
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
   * Reads the models in pipelined batches (Hazelcast asks in chunks of 1,000). Never throws: every
   * failure is noted for {@link #loadFailure()}, which start-up checks (see {@link RedisModelReader}).
   */
  @Override
  public Map<String, ModelConfig> loadAll(Collection<String> ids) {
    return reader.loadAll(ids);
  }

  /** Lists the ids under {@link #KEY_PREFIX}; on failure notes it and lists none. */
  @Override
  public Iterable<String> loadAllKeys() {
    return reader.loadAllKeys();
  }

  /**
   * How many models Redis holds now (a SCAN of the prefix; blocking).
   *
   * @throws RedisUnavailableException if Redis does not answer
   */
  public int countModels() {
    return reader.countModels();
  }

  /** The first failure this member's store met while loading models, if any. */
  public Optional<String> loadFailure() {
    return reader.loadFailure();
  }

  static String key(String id) {
    return KEY_PREFIX + id;
  }

  private static String encode(ModelConfig model) {
    return ModelJson.toJson(model).encode();
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
