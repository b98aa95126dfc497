package io.sophra.registry.persistence;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Opens the one connection the store uses (Lettuce connections are thread-safe and pipeline
 * concurrent commands), with small thread pools of its own and quick reconnection: after an outage
 * the store writes again within about a second of Redis coming back.
 */
final class RedisConnector {

  private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

  private RedisConnector() {
  }

  /** A live connection and what it needs, closed together. */
  record Connected(ClientResources resources, RedisClient client, StatefulRedisConnection<String, String> connection) {

    void close() {
      connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /**
   * Connects and sends PING.
   *
   * @throws RedisUnavailableException naming where Redis was expected and why it did not answer
   */
  static Connected connect(RedisEndpoint endpoint, Duration connectTimeout) {
    ClientResources resources = DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
        .build();
    RedisClient client = RedisClient.create(resources, endpoint.uri());
    client.setOptions(endpoint.clientOptions(connectTimeout));
    try {
      StatefulRedisConnection<String, String> connection = client.connect();
      connection.sync().ping();
      return new Connected(resources, client, connection);
    } catch (RuntimeException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      throw new RedisUnavailableException("cannot use Redis at " + endpoint.description() + ": " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
