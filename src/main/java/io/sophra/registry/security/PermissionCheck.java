package io.sophra.registry.security;

import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one home of the permission rule: a caller may run an {@link Operation} exactly when its roles
 * grant that operation's permission; otherwise the attempt is refused with
 * {@link RegistryException.Forbidden}, logged as one {@code audit} line and counted once in
 * {@code registry_refusals_total{reason="forbidden"}}. The registry's decorators ask it for every
 * call (so in-process callers are checked), and the HTTP API asks it first, before it reads a body or
 * a query parameter; a caller refused there never reaches the decorators, so nothing counts twice.
 */
public final class PermissionCheck {

  private final Refusals refusals;

  public PermissionCheck(Refusals refusals) {
    this.refusals = refusals;
  }

  /**
   * Empty when {@code caller} may run {@code operation}; otherwise the refusal, recorded already.
   *
   * @param modelId the model the call is about, when known, for the refusal line
   */
  public Optional<RegistryException.Forbidden> refusal(Caller caller, Operation operation, Optional<ModelId> modelId) {
    if (permits(caller, operation)) {
      return Optional.empty();
    }
    RegistryException.Forbidden forbidden = new RegistryException.Forbidden(caller.subject(),
        operation.permission().name());
    refusals.forbidden(caller, operation.operationName(), modelId, forbidden.getMessage());
    return Optional.of(forbidden);
  }

  /** Whether {@code caller} may run {@code operation} (a refusal is recorded by {@link #refusal} only). */
  public boolean permits(Caller caller, Operation operation) {
    return caller.may(operation.permission());
  }

  /** Runs {@code call} if {@code caller} may run {@code operation}; a failed Future with the refusal otherwise. */
  public <T> Future<T> guard(Caller caller, Operation operation, Optional<ModelId> modelId, Supplier<Future<T>> call) {
    Optional<RegistryException.Forbidden> refused = refusal(caller, operation, modelId);
    return refused.isPresent() ? Future.failedFuture(refused.get()) : call.get();
  }
}
