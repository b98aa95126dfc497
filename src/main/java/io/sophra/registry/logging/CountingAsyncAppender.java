package io.sophra.registry.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Logback's {@link AsyncAppender} for lines that may be dropped but must be counted: with
 * {@code neverBlock} set (as {@code conf/logback.xml} sets it for refusal lines), a line that finds
 * the queue full is dropped and counted per logger name instead of vanishing silently, and
 * {@link #dropped(String)} answers the count (the registry exports it as
 * {@code registry_audit_lines_dropped_total{cause="queue_full"}}). Lines are never discarded by
 * level before the queue is full, whatever {@code discardingThreshold} says.
 *
 * <p>Exact by construction: producers check the remaining capacity and enqueue under one lock, and
 * the worker only ever takes lines out, so a line that saw room is enqueued and a line that saw none
 * is the one counted. The lock costs nothing that matters on these lines: they are rate-limited
 * before they get here.
 */
public class CountingAsyncAppender extends AsyncAppender {

  private static final ConcurrentMap<String, LongAdder> DROPPED = new ConcurrentHashMap<>();

  private final Object enqueue = new Object();

  /** Lines of {@code loggerName} dropped because a counting appender's queue was full, in this JVM. */
  public static long dropped(String loggerName) {
    LongAdder count = DROPPED.get(loggerName);
    return count == null ? 0 : count.sum();
  }

  @Override
  protected void append(ILoggingEvent event) {
    synchronized (enqueue) {
      if (isNeverBlock() && getRemainingCapacity() == 0) {
        DROPPED.computeIfAbsent(event.getLoggerName(), name -> new LongAdder()).increment();
        return;
      }
      super.append(event);
    }
  }

  @Override
  protected boolean isDiscardable(ILoggingEvent event) {
    return false;
  }
}
