package io.sophra.registry.http;

import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.security.Operation;
import io.sophra.registry.security.PermissionCheck;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The authorization step of a {@code /v1} route, right after authentication: a caller without the
 * operation's permission gets its 403 before the body is read and before any query parameter is
 * looked at, so it learns nothing about a request it may not make. The rule itself is the registry's
 * ({@link PermissionCheck}); the registry's decorators apply it again for in-process callers.
 */
final class PermissionStep {

  private final PermissionCheck permissions;

  PermissionStep(PermissionCheck permissions) {
    this.permissions = permissions;
  }

  /** The step of the route serving {@code operation}. */
  Handler<RoutingContext> of(Operation operation) {
    return ctx -> {
      Caller caller = Callers.of(ctx);
      if (permissions.permits(caller, operation)) {
        ctx.next();
        return;
      }
      // the path's model is looked at only for the refusal line
      Optional<RegistryException.Forbidden> refused = permissions.refusal(caller, operation, pathId(ctx));
      if (refused.isPresent()) {
        ctx.fail(refused.get());
      } else {
        ctx.next();
      }
    };
  }

  /** The model of the path, for the refusal line, when it is a well-formed id. */
  private static Optional<ModelId> pathId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return id == null ? Optional.empty() : ModelId.parse(id);
  }
}
