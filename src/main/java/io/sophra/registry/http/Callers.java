package io.sophra.registry.http;

import io.sophra.registry.registry.Caller;
import io.vertx.ext.web.RoutingContext;

/** Where the authentication step leaves the request's {@link Caller} for the handlers. */
final class Callers {

  static final String KEY = "registry.caller";

  private Callers() {
  }

  static void set(RoutingContext ctx, Caller caller) {
    ctx.put(KEY, caller);
  }

  static Caller of(RoutingContext ctx) {
    Caller caller = ctx.get(KEY);
    if (caller == null) {
      throw new IllegalStateException("no caller: the route lacks its authentication step");
    }
    return caller;
  }
}
