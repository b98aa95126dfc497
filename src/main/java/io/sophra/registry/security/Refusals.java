package io.sophra.registry.security;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.Timestamps;
import io.sophra.registry.registry.Caller;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refused attempts: one count in {@code registry_refusals_total{reason}} each, and a JSON line on
 * the logger {@code audit.refused.<reason>} — never an audit-log entry, so a flood of refusals cannot
 * evict real history, and never on the {@code audit} logger of successful changes, so it cannot
 * crowd those out either. Refused means 401 (no valid token), 403 (missing permission), 409 (exists
 * already, illegal transition, registry full, a model in use by an alias, an alias variant not ready)
 * and 412 (stale ETag).
 *
 * <p>Lines are bounded: every value echoed from the request (path, client address, detail, subject,
 * roles) is cut to {@value #MAX_ECHO} characters and at most {@value #MAX_ROLES} roles are listed,
 * and each reason may write a limited number of lines per second; what is not written is counted
 * ({@link RefusalLines}).
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
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final String METRIC = "registry.refusals";
  static final int MAX_ECHO = 256;
  static final int MAX_ROLES = 16;

  private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);
  private final RefusalLines lines;

  /** Counting into {@code meters}, writing at most {@code linesPerSecond} lines per reason. */
  public Refusals(MeterRegistry meters, int linesPerSecond) {
    this(meters, linesPerSecond, TimeMeter.SYSTEM_NANOTIME);
  }

  Refusals(MeterRegistry meters, int linesPerSecond, TimeMeter clock) {
    for (Reason reason : Reason.values()) {
      counters.put(reason, Counter.builder(METRIC).tag("reason", reason.label())
          .description("Requests refused: 401, 403, 409, 412").register(meters));
    }
    this.lines = new RefusalLines(meters, linesPerSecond, clock);
  }

  /** A request without a valid token (HTTP only: nothing below it sees such a request). */
  public void unauthenticated(String request, String remoteAddress, String detail) {
    record(Reason.UNAUTHENTICATED, line(Reason.UNAUTHENTICATED, detail)
        .put("request", echo(request)).put("remote", echo(remoteAddress)));
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
      case ALREADY_EXISTS, REGISTRY_FULL, ILLEGAL_TRANSITION, IN_USE_BY_ALIAS, VARIANT_NOT_READY -> Reason.CONFLICT;
      // a missing permission is recorded where it is checked, before the call; a resolution is a read
      case FORBIDDEN, INVALID, NOT_FOUND, UNAVAILABLE, NO_READY_VARIANT, NO_QUORUM, GONE -> null;
    };
  }

  private void record(Reason reason, JsonObject line) {
    counters.get(reason).increment();
    lines.write(reason, line);
  }

  private static JsonObject callerLine(Reason reason, Caller caller, String operation, Optional<ModelId> modelId,
      String detail) {
    return line(reason, detail)
        .put("actor", echo(caller.subject()))
        .put("roles", roles(caller.roles()))
        .put("operation", operation)
        .put("modelId", modelId.map(ModelId::value).orElse(null));
  }

  private static JsonObject line(Reason reason, String detail) {
    return new JsonObject()
        .put("outcome", "refused")
        .put("at", Timestamps.format(Instant.now()))
        .put("status", reason.status)
        .put("reason", reason.label())
        .put("detail", echo(detail));
  }

  private static JsonArray roles(Collection<String> roles) {
    List<String> sorted = roles.stream().sorted().toList();
    List<String> listed = new ArrayList<>();
    sorted.stream().limit(MAX_ROLES).map(Refusals::echo).forEach(listed::add);
    if (sorted.size() > MAX_ROLES) {
      listed.add("… " + (sorted.size() - MAX_ROLES) + " more");
    }
    return new JsonArray(listed);
  }

  /** {@code value} cut to {@value #MAX_ECHO} characters (never inside a surrogate pair), marked with "…". */
  static String echo(String value) {
    if (value == null || value.length() <= MAX_ECHO) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(MAX_ECHO - 1)) ? MAX_ECHO - 1 : MAX_ECHO;
    return value.substring(0, end) + "…";
  }
}
