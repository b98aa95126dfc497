package io.sophra.registry.persistence;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why Redis did not take a command, in two forms: {@link #clientText} in fixed words (what a client
 * may read in a 503: no host, no credentials, nothing of Redis's own reply) and {@link #detail} for
 * the server's log (Redis's own first line). {@link #kind} is stable per cause, so repeats can be
 * told apart from new trouble.
 *
 * @param kind {@code timeout}, {@code not-connected}, or {@code refused:<CODE>} with Redis's error
 *     code ({@code OOM}, {@code READONLY}, {@code MISCONF}, ...; {@code OTHER} when it sent none)
 */
record RedisFailure(String kind, String clientText, String detail) {

  /** Redis error replies start with an upper-case code: {@code OOM command not allowed when ...}. */
  private static final Pattern ERROR_CODE = Pattern.compile("^([A-Z][A-Z_-]{1,31})\\b");
  private static final Map<String, String> REASONS = Map.of(
      "OOM", "out of memory",
      "READONLY", "read-only replica",
      "MISCONF", "cannot persist to disk",
      "NOAUTH", "not permitted",
      "WRONGPASS", "not permitted",
      "NOPERM", "not permitted",
      "LOADING", "loading its data",
      "BUSY", "busy running a script",
      "MASTERDOWN", "replica without a master");

  static RedisFailure of(RedisException failure, Duration commandTimeout) {
    String ownWords = firstLine(failure.getMessage());
    if (failure instanceof RedisCommandTimeoutException) {
      return new RedisFailure("timeout", "Redis is unavailable (no answer within " + commandTimeout.toMillis() + " ms)",
          ownWords);
    }
    if (failure instanceof RedisCommandExecutionException) {
      Matcher code = ERROR_CODE.matcher(ownWords);
      String errorCode = code.find() ? code.group(1) : "OTHER";
      return new RedisFailure("refused:" + errorCode,
          "Redis refused the command (" + REASONS.getOrDefault(errorCode, "refused") + ")", ownWords);
    }
    return new RedisFailure("not-connected", "Redis is unavailable (not connected)", ownWords);
  }

  RedisUnavailableException unavailable() {
    return new RedisUnavailableException(clientText);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
