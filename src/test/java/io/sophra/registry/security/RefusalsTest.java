package io.sophra.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Permission;
import io.sophra.registry.support.LogCapture;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Refusal lines are bounded: echoed values cut short, a rate per reason, and every line not written counted")
class RefusalsTest {

  /** A clock the test moves by hand, so the rate limit is checked without timing. */
  private static final class HandClock implements TimeMeter {
    final AtomicLong nanos = new AtomicLong(1);

    @Override
    public long currentTimeNanos() {
      return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }
  }

  private static double dropped(SimpleMeterRegistry meters, String reason, String cause) {
    var search = meters.get(RefusalLines.DROPPED_METRIC).tag("reason", reason).tag("cause", cause);
    return cause.equals("queue_full") ? search.functionCounter().count() : search.counter().count();
  }

  private static double refused(SimpleMeterRegistry meters, String reason) {
    return meters.get(Refusals.METRIC).tag("reason", reason).counter().count();
  }

  @Test
  @DisplayName("A flood of 1,000 401s at 10 lines a second writes 10 lines, counts 990, and leaves 403 lines alone")
  void rateLimitPerReason() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HandClock clock = new HandClock();
    Refusals refusals = new Refusals(meters, 10, clock);
    Caller reader = new Caller("reader", Set.of("reader"), EnumSet.of(Permission.READ_MODEL));
    try (LogCapture lines = LogCapture.audit()) {
      for (int i = 0; i < 1000; i++) {
        refusals.unauthenticated("GET /v1/models/m" + i, "10.0.0.1", "a bearer token is required");
      }
      refusals.forbidden(reader, "deleteModel", Optional.of(new ModelId("m")), "no DELETE_MODEL");

      assertThat(lines.jsonLines()).extracting(line -> line.getString("reason"))
          .containsExactly(IntStream.range(0, 11).mapToObj(i -> i < 10 ? "unauthenticated" : "forbidden")
              .toArray(String[]::new));
      assertThat(refused(meters, "unauthenticated")).isEqualTo(1000);
      assertThat(dropped(meters, "unauthenticated", "rate_limit")).isEqualTo(990);
      assertThat(dropped(meters, "forbidden", "rate_limit")).isZero();
      assertThat(dropped(meters, "unauthenticated", "queue_full")).isZero();

      clock.nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
      refusals.unauthenticated("GET /v1/models/late", "10.0.0.1", "expired");
      JsonObject late = lines.jsonLines().get(11);
      assertThat(late.getString("request")).isEqualTo("GET /v1/models/late");
      assertThat(late.getLong("suppressedBefore")).isEqualTo(990);
    }
  }

  @Test
  @DisplayName("Every value echoed from the request is cut to 256 characters, and at most 16 roles are listed")
  void echoedValuesAreCapped() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Refusals refusals = new Refusals(meters, 100);
    String huge = "x".repeat(10_000);
    Set<String> roles = IntStream.range(0, 40).mapToObj(i -> "role-" + i + "-" + "r".repeat(400))
        .collect(Collectors.toSet());
    try (LogCapture lines = LogCapture.audit()) {
      refusals.unauthenticated("GET /" + huge, huge, "kid '" + huge + "' is unknown");
      refusals.forbidden(new Caller(huge, roles, EnumSet.noneOf(Permission.class)), "getModel", Optional.empty(), huge);

      List<JsonObject> written = lines.jsonLines();
      JsonObject unauthenticated = written.get(0);
      for (String field : List.of("request", "remote", "detail")) {
        assertThat(unauthenticated.getString(field)).as(field).hasSize(257).endsWith("…");
      }
      JsonObject forbidden = written.get(1);
      assertThat(forbidden.getString("actor")).hasSize(257);
      assertThat(forbidden.getString("detail")).hasSize(257);
      assertThat(forbidden.getJsonArray("roles")).hasSize(17).contains("… 24 more");
      assertThat(forbidden.getJsonArray("roles").stream().map(String::valueOf)).allSatisfy(role ->
          assertThat(role.length()).isLessThanOrEqualTo(257));
      assertThat(written).allSatisfy(line -> assertThat(line.encode().length()).isLessThan(6000));
    }
  }
}
