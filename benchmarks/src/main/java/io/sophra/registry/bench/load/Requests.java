package io.sophra.registry.bench.load;

import io.vertx.core.Future;

/**
 * One request of the load generators to one subject (an HTTP server, Redis). The future completes once
 * the whole answer has been read: {@code true} when it is the expected answer (a 200 for HTTP, a 1 KB
 * value for Redis), {@code false} for any other answer; it fails when no answer came. The generators
 * record the latency of every completion, expected or not, and count the rest as errors.
 */
interface Requests {

  /** Sends the next request; call on the client's context only. */
  Future<Boolean> next();
}
