package io.sophra.registry.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what a Logback logger writes while open: the {@code audit} logger's JSON lines, or
 * everything at ERROR and above anywhere ({@link #errors()}).
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(String name) {
    this.logger = (Logger) LoggerFactory.getLogger(name);
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures the {@code audit} logger. */
  public static LogCapture audit() {
    return new LogCapture("audit");
  }

  /** Captures the logger {@code name} (and those under it). */
  public static LogCapture of(String name) {
    return new LogCapture(name);
  }

  /** Captures every logger (the root). */
  public static LogCapture all() {
    return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** The captured lines, each parsed as one JSON object (the audit logger's format). */
  public List<JsonObject> jsonLines() {
    return events().stream().map(event -> new JsonObject(event.getFormattedMessage())).toList();
  }

  public List<ILoggingEvent> errors() {
    return events().stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
  }

  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
