package io.sophra.registry.bench.load;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load: requests are scheduled at a constant rate whatever the server does, and each
 * latency is measured from the request's <em>scheduled</em> time, so a stall of the server (or of the
 * generator) shows up in the latencies of every request that should have been sent during it instead
 * of silently delaying them (no coordinated omission).
 *
 * <p>The calling thread keeps the schedule: it parks until the next request is due, then hands every
 * request now due to the client's event loop, which sends them over up to {@code connections}
 * keep-alive connections (queueing when all are busy: that wait is part of the latency too). The
 * generator's own lateness is recorded separately as the sender lag. Every completed request is in
 * the latencies, whatever it was answered (an unexpected answer or a failure also counts as an error);
 * requests still unanswered {@link #DRAIN} after the last one was scheduled count as errors.
 */
final class FixedRateLoad {

  static final Duration DRAIN = Duration.ofSeconds(10);

  private final Context context;
  private final Requests requests;
  private final Histogram latency = new Histogram(3);
  private final Histogram senderLag = new Histogram(3);
  private final AtomicLong outstanding = new AtomicLong();
  private long answered;
  private long errors;
  private long lastAnswer;

  FixedRateLoad(Context context, Requests requests) {
    this.context = context;
    this.requests = requests;
  }

  /** Runs {@code warmup} unrecorded, then {@code duration} recorded, at {@code rate} requests per second. */
  LoadResult run(String subject, int connections, double rate, Duration warmup, Duration duration) {
    schedule(rate, warmup, false);
    awaitDrained();
    long start = schedule(rate, duration, true);
    long scheduleEnd = start + duration.toNanos();
    boolean drained = awaitDrained();
    long unanswered = drained ? 0 : outstanding.get();
    double seconds = (Math.max(lastAnswer, scheduleEnd) - start) / 1e9;
    return new LoadResult(subject, 0, "fixed-rate", connections, rate, seconds, answered, errors + unanswered,
        latency.copy(), senderLag.copy(), null);
  }

  /** Sends at {@code rate} for {@code length}; returns the first scheduled time. */
  private long schedule(double rate, Duration length, boolean record) {
    double interval = 1e9 / rate;
    long total = (long) (length.toNanos() / interval);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    long sent = 0;
    while (sent < total) {
      long due = Math.min(total, (long) ((System.nanoTime() - start) / interval) + 1);
      if (due <= sent) {
        LockSupport.parkNanos(start + (long) (sent * interval) - System.nanoTime());
        continue;
      }
      long first = sent;
      long count = due - sent;
      outstanding.addAndGet(count);
      context.runOnContext(ignored -> {
        for (long i = first; i < first + count; i++) {
          send(start + (long) (i * interval), record);
        }
      });
      sent = due;
    }
    return start;
  }

  private void send(long scheduled, boolean record) {
    if (record) {
      senderLag.recordValue(Math.max(0, System.nanoTime() - scheduled));
    }
    requests.next().onComplete(result -> {
      long now = System.nanoTime();
      if (record) {
        latency.recordValue(now - scheduled);
        answered++;
        if (result.failed() || !result.result()) {
          errors++;
        }
        lastAnswer = now;
      }
      outstanding.decrementAndGet();
    });
  }

  private boolean awaitDrained() {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (outstanding.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return true;
  }
}
