package io.sophra.registry.http;

import io.sophra.registry.registry.Caller;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The authentication step of a node without token checks: every request acts as one caller. */
public final class AnonymousAccess implements Handler<RoutingContext> {

  private final Caller caller;

  public AnonymousAccess(Caller caller) {
    this.caller = caller;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Callers.set(ctx, caller);
    ctx.next();
  }
}
