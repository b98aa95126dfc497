package io.sophra.registry.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sophra.registry.logging.CountingAsyncAppender;
import io.sophra.registry.security.Refusals.Reason;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes refusal lines, bounded so that a flood of refused requests can neither fill the log nor
 * crowd out anything else: each reason has its own logger ({@code audit.refused.unauthenticated},
 * ...) and its own budget of lines per second on this node (a token bucket, the burst equal to the
 * rate). A line over budget is not written; it is counted in
 * {@code registry_audit_lines_dropped_total{reason, cause="rate_limit"}}, and the next line written
 * for that reason says how many went before it ({@code "suppressedBefore": N}). Lines that the
 * refusal appender dropped because its queue was full ({@link CountingAsyncAppender}) are counted
 * under {@code cause="queue_full"} (a count for the whole JVM, as the appender is). So for each
 * reason: lines written + lines dropped = refusals counted.
 */
final class RefusalLines {

  static final String DROPPED_METRIC = "registry.audit.lines.dropped";
  static final String LOGGER_PREFIX = "audit.refused.";

  /** One reason's logger, budget and counts; it holds the logger name the queue-full count reads. */
  private record Lane(String loggerName, Logger logger, Bucket budget, Counter rateLimited, AtomicLong suppressed) {
  }

  private final Map<Reason, Lane> lanes = new EnumMap<>(Reason.class);

  RefusalLines(MeterRegistry meters, int linesPerSecond, TimeMeter clock) {
    for (Reason reason : Reason.values()) {
      String loggerName = LOGGER_PREFIX + reason.label();
      Bucket budget = Bucket.builder()
          .addLimit(limit -> limit.capacity(linesPerSecond).refillGreedy(linesPerSecond, Duration.ofSeconds(1)))
          .withCustomTimePrecision(clock)
          .build();
      Counter rateLimited = Counter.builder(DROPPED_METRIC).tag("reason", reason.label()).tag("cause", "rate_limit")
          .description("Refusal lines not written: over the per-reason rate limit, or the log queue was full")
          .register(meters);
      FunctionCounter.builder(DROPPED_METRIC, loggerName, CountingAsyncAppender::dropped)
          .tag("reason", reason.label()).tag("cause", "queue_full")
          .description("Refusal lines not written: over the per-reason rate limit, or the log queue was full")
          .register(meters);
      lanes.put(reason, new Lane(loggerName, LoggerFactory.getLogger(loggerName), budget, rateLimited, new AtomicLong()));
    }
  }

  void write(Reason reason, JsonObject line) {
    Lane lane = lanes.get(reason);
    if (!lane.budget().tryConsume(1)) {
      lane.suppressed().incrementAndGet();
      lane.rateLimited().increment();
      return;
    }
    long suppressed = lane.suppressed().getAndSet(0);
    if (suppressed > 0) {
      line.put("suppressedBefore", suppressed);
    }
    lane.logger().info(line.encode());
  }
}
