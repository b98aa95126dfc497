package io.sophra.registry.logging;

import java.util.Locale;
import java.util.Optional;

/**
 * How the process's log lines look on standard output: {@code text} (a pattern a person reads) or
 * {@code json} (one JSON object per line, written by logstash-logback-encoder, for a log shipper).
 *
 * <p>{@code conf/logback.xml} declares one console appender per format, each behind a
 * {@link LogFormatFilter} that lets lines through only while its format is the selected one. Logback
 * selects from {@code MODEL_REGISTRY_LOG_FORMAT} (a system property or the environment, which
 * logback reads itself while it configures, before any line is written); the node selects again from
 * its configuration once loaded ({@link #select}), so the {@code config.json} key works as well.
 * Audit lines are JSON in both formats and have appenders of their own.
 */
public enum LogFormat {
  TEXT, JSON;

  private static volatile LogFormat selected = TEXT;

  /** The format whose appender writes from now on. */
  public static void select(LogFormat format) {
    selected = format;
  }

  public static LogFormat selected() {
    return selected;
  }

  /** {@code text} or {@code json}, in any case. */
  public static Optional<LogFormat> parse(String name) {
    for (LogFormat format : values()) {
      if (format.wireName().equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
