package io.sophra.registry.persistence;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisException;
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
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
  /** A host name or IPv4 literal, or a bracketed IPv6 literal, then an optional numeric port. */
  private static final Pattern HOST_AND_PORT = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d+)?");

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
      // Lettuce's message may repeat the URL, password included: say only what form is expected
      throw new IllegalArgumentException("is not a Redis URL: " + FORM);
    }
    uri.setTimeout(commandTimeout);
    String description = scheme + "://" + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    return new RedisEndpoint(uri, description, commandTimeout);
  }

  /**
   * The URL fit for logs and error messages, whatever its form: rebuilt from the parts that cannot hold
   * a secret, each other part replaced by {@code ***}. Kept: the scheme, a host name or IP literal, a
   * port from 1 to 65535, and a database number as the path. Replaced: user information (everything
   * before the last {@code @} of the authority), an authority that is not {@code host[:port]} (such as
   * {@code redis://:s3cret} or {@code redis://user:pw}, where a password stands in the port's place),
   * any other path, and any query or fragment.
   */
  static String redact(String url) {
    int schemeEnd = url.indexOf("://");
    boolean hasScheme = schemeEnd > 0 && SCHEME.matcher(url.substring(0, schemeEnd)).matches();
    String rest = hasScheme ? url.substring(schemeEnd + 3) : url;
    int authorityEnd = indexOfAny(rest, "/?#");
    String authority = rest.substring(0, authorityEnd);
    String tail = rest.substring(authorityEnd);
    StringBuilder redacted = new StringBuilder(hasScheme ? url.substring(0, schemeEnd + 3) : "");
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      redacted.append("***@");
      authority = authority.substring(at + 1);
    }
    if (!authority.isEmpty()) {
      redacted.append(HOST_AND_PORT.matcher(authority).matches() && validPort(authority) ? authority : "***");
    }
    int queryStart = indexOfAny(tail, "?#");
    String path = tail.substring(0, queryStart);
    if (!path.isEmpty()) {
      redacted.append(DATABASE_PATH.matcher(path).matches() ? path : "/***");
    }
    if (queryStart < tail.length()) {
      redacted.append(tail.charAt(queryStart)).append("***");
    }
    return redacted.toString();
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  private static boolean validPort(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon < 0 || hostAndPort.endsWith("]")) {
      return true;
    }
    String port = hostAndPort.substring(colon + 1);
    return !port.isEmpty() && port.length() <= 5 && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
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

  /** Why a command failed: in fixed words for a client, in Redis's own for the log. */
  RedisFailure failure(RedisException failure) {
    return RedisFailure.of(failure, commandTimeout);
  }
}
