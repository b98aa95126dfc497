package io.sophra.registry.persistence;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Redis URL, {@code redis://[[user]:password@]host[:port][/db]} ({@code rediss://} for TLS),
 * checked before any connection is tried, and the client options every connection uses: short
 * connect and command timeouts (the store runs on Hazelcast's threads), commands rejected at once
 * while disconnected instead of queued, reconnection in the background.
 */
final class RedisEndpoint {

  static final String FORM = "redis://[[user]:password@]host[:port][/db]";
  private static final Set<String> SCHEMES = Set.of("redis", "rediss");
  private static final Pattern DATABASE_PATH = Pattern.compile("/?|/\\d{1,5}");

  private final RedisURI uri;
  private final String description;
  private final Duration commandTimeout;

  private RedisEndpoint(RedisURI uri, String description, Duration commandTimeout) {
    this.uri = uri;
    this.description = description;
    this.commandTimeout = commandTimeout;
  }

  /**
   * Reads a URL.
   *
   * @throws IllegalArgumentException saying what is wrong with it (never repeating a password)
   */
  static RedisEndpoint parse(String url, Duration commandTimeout) {
    URI parsed;
    try {
      parsed = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL of the form " + FORM);
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new IllegalArgumentException("must start with redis:// (or rediss:// for TLS): " + FORM);
    }
    if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
      throw new IllegalArgumentException("must name a host, and a port from 1 to 65535 if any: " + FORM);
    }
    String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
    if (!DATABASE_PATH.matcher(path).matches()) {
      throw new IllegalArgumentException("may end in /db, a database number, and nothing else: " + FORM);
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("is not a Redis URL (" + e.getMessage() + "): " + FORM);
    }
    uri.setTimeout(commandTimeout);
    String description = scheme + "://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    return new RedisEndpoint(uri, description, commandTimeout);
  }

  /** The URL with any user and password replaced by {@code ***}, fit for logs and error messages. */
  static String redact(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int schemeEnd = url.indexOf("://");
    int userStart = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : Math.max(0, url.indexOf(':') + 1);
    return url.substring(0, userStart) + "***" + url.substring(at);
  }

  RedisURI uri() {
    return uri;
  }

  /** Scheme, host, port and database, without credentials. */
  String description() {
    return description;
  }

  ClientOptions clientOptions(Duration connectTimeout) {
    return ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .build();
  }

  /** Why a command failed, in words for a client: no host name, no credentials, no stack trace. */
  RedisUnavailableException unavailable(RuntimeException failure) {
    String reason;
    if (failure instanceof RedisCommandTimeoutException) {
      reason = "no answer within " + commandTimeout.toMillis() + " ms";
    } else if (failure instanceof RedisCommandExecutionException) {
      reason = "it refused the command: " + firstLine(failure.getMessage());
    } else {
      reason = "not connected";
    }
    return new RedisUnavailableException("Redis is unavailable (" + reason + ")");
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
