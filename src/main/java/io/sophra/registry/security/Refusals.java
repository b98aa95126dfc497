package io.sophra.registry.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.Timestamps;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.failure.RegistryException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused attempts: a JSON line on the {@code audit} logger and one count in
 * {@code registry_refusals_total{reason}} — never an audit-log entry, so a flood of refusals cannot
 * evict real history. Refused means 401 (no valid token), 403 (missing permission), 409 (exists
 * already, illegal transition, registry full) and 412 (stale ETag).
 */
public final class Refusals {

  /** Why an attempt was refused; the metric's {@code reason} label. */
  public enum Reason {
    UNAUTHENTICATED(401), FORBIDDEN(403), CONFLICT(409), PRECONDITION_FAILED(412);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static final String METRIC = "registry.refusals";
  private static final int MAX_REQUEST_TEXT = 256;
  static final Logger AUDIT = LoggerFactory.getLogger("audit");

  private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

  public Refusals(MeterRegistry meters) {
    for (Reason reason : Reason.values()) {
      counters.put(reason, Counter.builder(METRIC).tag("reason", reason.label())
          .description("Requests refused: 401, 403, 409, 412").register(meters));
    }
  }

  /** A request without a valid token (HTTP only: nothing below it sees such a request). */
  public void unauthenticated(String request, String remoteAddress, String detail) {
    String bounded = request.length() > MAX_REQUEST_TEXT ? request.substring(0, MAX_REQUEST_TEXT) + "…" : request;
    record(Reason.UNAUTHENTICATED, line(Reason.UNAUTHENTICATED, detail)
        .put("request", bounded).put("remote", remoteAddress));
  }

  /** A caller refused for lacking a permission. */
  public void forbidden(Caller caller, String operation, Optional<ModelId> modelId, String detail) {
    record(Reason.FORBIDDEN, callerLine(Reason.FORBIDDEN, caller, operation, modelId, detail));
  }

  /**
   * Records {@code failure} if it is a refusal (409 or 412) and answers whether it was; other
   * failures (not found, invalid input, grid trouble) are not refusals.
   */
  public boolean conflictOrStale(Caller caller, String operation, Optional<ModelId> modelId, Throwable failure) {
    Reason reason = reasonOf(failure);
    if (reason == null) {
      return false;
    }
    record(reason, callerLine(reason, caller, operation, modelId, failure.getMessage()));
    return true;
  }

  private static Reason reasonOf(Throwable failure) {
    if (!(failure instanceof RegistryException typed)) {
      return null;
    }
    return switch (typed.kind()) {
      case REVISION_MISMATCH -> Reason.PRECONDITION_FAILED;
      case ALREADY_EXISTS, REGISTRY_FULL, ILLEGAL_TRANSITION -> Reason.CONFLICT;
      // a missing permission is recorded where it is checked, before the call
      case FORBIDDEN, INVALID, NOT_FOUND, UNAVAILABLE, NO_QUORUM -> null;
    };
  }

  private void record(Reason reason, JsonObject line) {
    counters.get(reason).increment();
    AUDIT.info(line.encode());
  }

  private static JsonObject callerLine(Reason reason, Caller caller, String operation, Optional<ModelId> modelId,
      String detail) {
    return line(reason, detail)
        .put("actor", caller.subject())
        .put("roles", new JsonArray(caller.roles().stream().sorted().toList()))
        .put("operation", operation)
        .put("modelId", modelId.map(ModelId::value).orElse(null));
  }

  private static JsonObject line(Reason reason, String detail) {
    return new JsonObject()
        .put("outcome", "refused")
        .put("at", Timestamps.format(Instant.now()))
        .put("status", reason.status)
        .put("reason", reason.label())
        .put("detail", detail);
  }
}
