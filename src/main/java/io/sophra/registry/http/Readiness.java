package io.sophra.registry.http;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether this node should receive traffic. Not ready until start-up has finished (member joined,
 * store reachable, HTTP listening); not ready again once shutdown begins, so a load balancer drains
 * the node before its HTTP server stops.
 */
public final class Readiness {

  private final AtomicReference<String> notReadyReason = new AtomicReference<>("starting");

  public void ready() {
    notReadyReason.set(null);
  }

  public void notReady(String reason) {
    notReadyReason.set(reason);
  }

  public boolean isReady() {
    return notReadyReason.get() == null;
  }

  /** Why the node is not ready, or null when it is. */
  public String reason() {
    return notReadyReason.get();
  }
}
