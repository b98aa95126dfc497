package io.sophra.registry.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.Optional;

/**
 * The request a piece of work is done for, as far as logs and the audit trail care: its id, kept in
 * the Vert.x context of that request.
 *
 * <p>Design note. Vert.x 5 runs each HTTP request on a <em>duplicated</em> context of its event
 * loop: every handler of the request, every Future callback completed on it (the grid's callbacks hop
 * back to the caller's context through {@code grid.HazelcastFutures}) and every timer set from it runs
 * on that same duplicate, while other requests on the same thread run on duplicates of their own. So
 * the id lives in a {@link ContextLocal} of the duplicate, not in a thread-local: it follows the
 * request across every asynchronous hop and never leaks into the next request served by the thread.
 * {@link ContextMdc} copies it into the SLF4J MDC at each log call; code below HTTP (the audit trail)
 * reads it with {@link #currentId()}. A {@code ContextLocal} must be registered before the first
 * Vert.x instance is built: Vert.x loads this class as a {@link VertxServiceProvider} (declared in
 * {@code META-INF/services}) before it fixes its context locals.
 */
public final class RequestScope implements VertxServiceProvider {

  /** The MDC key of the request id, and its field name in JSON log lines. */
  public static final String REQUEST_ID = "requestId";

  private static final ContextLocal<String> ID = ContextLocal.registerLocal(String.class);

  @Override
  public void init(VertxBootstrap builder) {
    // registering the context local (the static field above) is all this provider does
  }

  /**
   * Binds {@code id} to {@code context}, which must be a request's duplicated context; a base
   * (event-loop) context is shared by every request on it, so nothing is bound there.
   *
   * @return whether the id was bound
   */
  public static boolean enter(Context context, String id) {
    if (context instanceof ContextInternal internal && internal.isDuplicate()) {
      internal.putLocal(ID, id);
      return true;
    }
    return false;
  }

  /** The id of the request the current thread is working for, if it runs on that request's context. */
  public static Optional<String> currentId() {
    return Optional.ofNullable(idOrNull());
  }

  /** As {@link #currentId()}, without the Optional (called on every log call). */
  static String idOrNull() {
    Context context = Vertx.currentContext();
    return context == null ? null : context.getLocal(ID);
  }
}
