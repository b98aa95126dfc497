package io.sophra.registry.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Writes out what the asynchronous appenders still hold before the process ends. Their worker
 * threads are daemons: without this, lines queued when the JVM exits (the audit lines of the last
 * requests a stopping node served) would be lost. Each appender waits at most its
 * {@code maxFlushTime}. Nothing is logged after this.
 */
public final class LogShutdown {

  private LogShutdown() {
  }

  public static void flush() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
