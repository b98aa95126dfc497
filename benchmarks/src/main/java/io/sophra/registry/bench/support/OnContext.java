package io.sophra.registry.bench.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.function.Supplier;

/**
 * Calls the registry the way a verticle does: on a Vert.x event-loop context.
 *
 * <p>JMH's threads are not Vert.x threads. Called from such a thread, the registry makes a fresh
 * context per call and, since the caller is not on it, completes even a synchronous Near Cache hit
 * by hopping to that context's event loop: the caller then measures a thread hand-off, not the
 * registry. A verticle calling the registry is on its context, and there a Near Cache hit completes
 * before {@code getModel} returns. So a benchmark thread <em>dispatches</em> on one event-loop
 * context ({@link ContextInternal#beginDispatch}, the hook Vert.x itself uses to run a task on a
 * context from a foreign thread): while it does, {@code Vertx.currentContext()} is that context, and
 * the call takes exactly the path it takes on the event loop.
 *
 * <p>The thread stays on the context from its first call on, as a verticle's event loop does: a
 * dispatch begun and ended around every call wrote, read and removed a {@code ThreadLocal} each time
 * (an event-loop thread holds its context in a field), which was a quarter of a measured Near Cache
 * hit (about 55-90 ns of 280-330 ns, A/B in the benchmarks README). What remains is one
 * {@code ThreadLocal} read where the registry asks for the current context. A call that completes
 * later (a remote read, a write) completes on the context's event loop as usual, and the benchmark
 * thread waits for it.
 */
public final class OnContext {

  private final ContextInternal context;

  /** A new event-loop context of {@code vertx}, used only by the calling benchmark. */
  public OnContext(Vertx vertx) {
    this.context = ((VertxInternal) vertx).createEventLoopContext();
  }

  /** Starts {@code call} as if on the context's event loop; its Future may complete later. */
  public <T> Future<T> call(Supplier<Future<T>> call) {
    if (Vertx.currentContext() != context) {
      // left open: this thread calls only through its benchmark's context from now on
      context.beginDispatch();
    }
    return call.get();
  }
}
