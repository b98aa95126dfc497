package io.sophra.registry.http;

import io.sophra.registry.model.ModelId;
import io.sophra.registry.security.AuditAction;
import io.sophra.registry.security.AuditId;
import io.sophra.registry.security.AuditQuery;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The query parameters of the audit routes, each checked with a message naming it. */
final class AuditParameters {

  static final int MAX_ACTOR_LENGTH = 256;
  /** {@code since} spans years 0000 to 9999, well inside what epoch milliseconds can hold. */
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  private static final String SINCE_RULE = "must be a UTC time from year 0000 to 9999, such as 2025-01-31T12:00:00Z";

  private AuditParameters() {
  }

  /** {@code GET /v1/audit?actor=&action=&since=&limit=&cursor=}. */
  static AuditQuery search(MultiMap params) {
    Optional<String> actor = single(params, "actor");
    actor.filter(value -> value.isEmpty() || value.length() > MAX_ACTOR_LENGTH).ifPresent(value -> {
      throw HttpProblem.invalid("actor", "must be 1 to " + MAX_ACTOR_LENGTH + " characters long");
    });
    actor.filter(value -> value.chars().anyMatch(Character::isISOControl)).ifPresent(value -> {
      throw HttpProblem.invalid("actor", "must not contain control characters");
    });
    Optional<AuditAction> action = single(params, "action").map(value -> AuditAction.fromWire(value)
        .orElseThrow(() -> HttpProblem.invalid("action", "must be one of " + String.join(", ",
            java.util.Arrays.stream(AuditAction.values()).map(AuditAction::wireName).toList()))));
    Optional<Instant> since = single(params, "since").map(AuditParameters::instant);
    return new AuditQuery(Optional.empty(), actor, action, since, limit(params), cursor(params));
  }

  /** {@code GET /v1/models/{id}/history?limit=&cursor=}. */
  static AuditQuery history(ModelId modelId, MultiMap params) {
    return new AuditQuery(Optional.of(modelId), Optional.empty(), Optional.empty(), Optional.empty(),
        limit(params), cursor(params));
  }

  private static int limit(MultiMap params) {
    return single(params, "limit").map(value -> {
      try {
        int limit = Integer.parseInt(value);
        if (limit >= 1 && limit <= AuditQuery.MAX_LIMIT) {
          return limit;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw HttpProblem.invalid("limit", "must be a whole number from 1 to " + AuditQuery.MAX_LIMIT);
    }).orElse(AuditQuery.DEFAULT_LIMIT);
  }

  private static Optional<AuditId> cursor(MultiMap params) {
    Optional<String> cursor = single(params, "cursor");
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    Optional<AuditId> before = Cursors.decodeAudit(cursor.get());
    if (before.isEmpty()) {
      throw HttpProblem.invalid("cursor", "is not a cursor this registry issues (cursors of earlier versions"
          + " no longer work); pass the nextCursor of the previous page unchanged, or start again without one");
    }
    return before;
  }

  private static Instant instant(String value) {
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw HttpProblem.invalid("since", SINCE_RULE);
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw HttpProblem.invalid("since", SINCE_RULE);
    }
    return instant;
  }

  private static Optional<String> single(MultiMap params, String name) {
    var values = params.getAll(name);
    if (values.size() > 1) {
      throw HttpProblem.invalid(name, "may be given once");
    }
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
