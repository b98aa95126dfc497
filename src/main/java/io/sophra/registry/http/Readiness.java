package io.sophra.registry.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Whether this node should receive traffic ({@code /health/ready}). Not ready until start-up has
 * finished (member joined, cluster safe once, HTTP listening); then ready as long as every
 * {@linkplain #require required condition} holds (e.g. "still a cluster member"); not ready again
 * for good once shutdown begins, so a load balancer drains the node before its HTTP server stops.
 * A migration elsewhere in the cluster does not make a node unready: that would drain every node.
 */
public final class Readiness {

  private record Condition(String reasonWhenFalse, BooleanSupplier holds) {
  }

  private final AtomicReference<String> notReadyReason = new AtomicReference<>("starting");
  private final List<Condition> conditions = new CopyOnWriteArrayList<>();
  private final List<Runnable> drainListeners = new CopyOnWriteArrayList<>();
  private volatile boolean draining;

  public void ready() {
    notReadyReason.set(null);
  }

  public void notReady(String reason) {
    notReadyReason.set(reason);
  }

  /**
   * Shutdown begins: not ready for good, and every {@linkplain #onDrain drain listener} is told (the
   * HTTP servers start closing their connections after each answer).
   */
  public void drain() {
    draining = true;
    notReady("shutting down");
    drainListeners.forEach(Runnable::run);
  }

  /** Whether shutdown has begun. */
  public boolean draining() {
    return draining;
  }

  /** Runs {@code listener} (on the thread that calls {@link #drain}) when shutdown begins. */
  public void onDrain(Runnable listener) {
    drainListeners.add(listener);
  }

  /** Adds a condition checked on every probe: while it is false, the node is not ready, for this reason. */
  public void require(String reasonWhenFalse, BooleanSupplier holds) {
    conditions.add(new Condition(reasonWhenFalse, holds));
  }

  public boolean isReady() {
    return reason() == null;
  }

  /** Why the node is not ready, or null when it is. */
  public String reason() {
    String reason = notReadyReason.get();
    if (reason != null) {
      return reason;
    }
    for (Condition condition : conditions) {
      if (!condition.holds().getAsBoolean()) {
        return condition.reasonWhenFalse();
      }
    }
    return null;
  }
}
