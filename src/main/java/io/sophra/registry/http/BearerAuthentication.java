package io.sophra.registry.http;

import io.sophra.registry.registry.Caller;
import io.sophra.registry.security.Refusals;
import io.sophra.registry.tokens.TokenRejected;
import io.sophra.registry.tokens.TokenVerifier;
import io.sophra.registry.tokens.VerificationBusy;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * The authentication step of every {@code /v1} route: reads {@code Authorization: Bearer <JWT>},
 * has the {@link TokenVerifier} check it and puts the {@link io.sophra.registry.registry.Caller} in
 * the context. When the verifier is too busy to check a new token now, 503 with {@code Retry-After}
 * (the token may well be valid). Anything else is a 401 with {@code WWW-Authenticate: Bearer}, rendered by
 * {@link Problems} (so vertx-web never logs it as an error), logged on the {@code audit} logger and
 * counted. Runs before the body is read: the request is paused meanwhile, as vertx-web's own
 * authentication handlers do.
 */
public final class BearerAuthentication implements Handler<RoutingContext> {

  static final String REALM = "Bearer realm=\"model-registry\"";
  private static final String SCHEME = "Bearer ";

  private final TokenVerifier verifier;
  private final Refusals refusals;
  private final ClientAddress clients;

  /** @param clients where the refusal line's client address comes from (the peer, or behind trusted proxies) */
  public BearerAuthentication(TokenVerifier verifier, Refusals refusals, ClientAddress clients) {
    this.verifier = verifier;
    this.refusals = refusals;
    this.clients = clients;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null) {
      refuse(ctx, "a bearer token is required: send 'Authorization: Bearer <JWT>'", REALM);
      return;
    }
    if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      refuse(ctx, "the Authorization header must use the Bearer scheme", REALM);
      return;
    }
    Future<Caller> caller = verifier.verifyAuthorization(header, SCHEME.length());
    if (caller.isComplete()) {
      // a cached token answers at once: no need to pause the request (pausing toggles the socket's reads)
      proceed(ctx, caller);
      return;
    }
    boolean paused = !ctx.request().isEnded();
    if (paused) {
      ctx.request().pause();
    }
    caller.onComplete(result -> {
      if (paused) {
        ctx.request().resume();
      }
      proceed(ctx, caller);
    });
  }

  /**
   * The caller of {@code request} when it carries a bearer token already verified (and not expired),
   * else null: nothing is checked, counted or refused here, that is {@link #handle}'s work.
   */
  Caller knownCaller(HttpServerRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        ? verifier.knownCaller(header) : null;
  }

  private void proceed(RoutingContext ctx, Future<Caller> caller) {
    if (caller.succeeded()) {
      Callers.set(ctx, caller.result());
      ctx.next();
    } else if (caller.cause() instanceof TokenRejected rejected) {
      refuse(ctx, rejected.getMessage(), REALM + ", error=\"invalid_token\"");
    } else if (caller.cause() instanceof VerificationBusy busy) {
      ctx.fail(new HttpProblem(ProblemType.UNAVAILABLE, busy.getMessage(), List.of(), Map.of("Retry-After", "1")));
    } else {
      ctx.fail(caller.cause());
    }
  }

  private void refuse(RoutingContext ctx, String detail, String challenge) {
    HttpServerRequest request = ctx.request();
    refusals.unauthenticated(request.method() + " " + request.path(), clients.of(request), detail);
    ctx.fail(new HttpProblem(ProblemType.UNAUTHORIZED, detail, List.of(), Map.of("WWW-Authenticate", challenge)));
  }
}
