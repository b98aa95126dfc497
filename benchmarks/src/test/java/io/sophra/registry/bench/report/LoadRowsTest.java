package io.sophra.registry.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadRowsTest {

  private static JsonObject run(String subject, double targetRate, double achieved, long errors, double p99Micros) {
    return new JsonObject().put("subject", subject).put("connections", 32).put("targetRate", targetRate)
        .put("achievedRate", achieved).put("errors", errors).put("latencyMicros", new JsonObject()
            .put("mean", p99Micros / 4).put("p50", p99Micros / 5).put("p99", p99Micros).put("p99.9", p99Micros * 2)
            .put("max", p99Micros * 3));
  }

  @Test
  void eachSubjectsSaturationRoundsBecomeOneRowOfMediansWithTheirErrorsSummed() {
    List<Row> rows = LoadRows.of(List.of(
        run("BARE_VERTX", 0, 60_000, 0, 2000), run("REGISTRY", 0, 30_000, 1, 5000),
        run("BARE_VERTX", 0, 40_000, 0, 9000), run("REGISTRY", 0, 31_000, 0, 4000),
        run("BARE_VERTX", 0, 70_000, 0, 2500), run("REGISTRY", 0, 10_000, 2, 6000)));
    assertEquals(2, rows.size());
    Row bare = rows.stream().filter(row -> row.impl().equals("BARE_VERTX")).findFirst().orElseThrow();
    Row registry = rows.stream().filter(row -> row.impl().equals("REGISTRY")).findFirst().orElseThrow();
    assertEquals(60_000, bare.rate());
    assertEquals(2_500_000, bare.p99());
    assertEquals(27_000_000, bare.max(), "the largest maximum of the rounds");
    assertEquals(30_000, registry.rate());
    assertEquals(5_000_000, registry.p99());
    assertEquals(3, registry.errors());
    assertTrue(registry.note().contains("median of 3 rounds"), registry.note());
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    List<Row> rows = LoadRows.of(List.of(run("REDIS", 0, 80_000, 0, 500), run("REDIS", 0, 90_000, 0, 700)));
    assertEquals(85_000, rows.get(0).rate());
    assertEquals(600_000, rows.get(0).p99());
  }

  @Test
  void aFixedRateStepIsItsOwnRowWithItsErrorsAndAchievedRate() {
    List<Row> rows = LoadRows.of(List.of(run("REGISTRY", 2000, 1990, 4, 800)));
    assertEquals(LoadRows.FIXED_RATE, rows.get(0).benchmark());
    assertEquals("2000", rows.get(0).param("rate"));
    assertEquals(4, rows.get(0).errors());
    assertEquals(1990, rows.get(0).rate());
  }

  @Test
  void aBareWorkReferenceNamesItsWorkAndNoOtherSubjectDoes() {
    assertEquals("BARE_PLUS_500NS", LoadRows.barePlus(500));
    assertEquals(1000, LoadRows.barePlusNanos(LoadRows.barePlus(1000)).getAsLong());
    for (String other : List.of("BARE_VERTX", "REGISTRY", "REDIS", "BARE_PLUS_NS", "BARE_PLUS_xNS", "BARE_PLUS_500")) {
      assertTrue(LoadRows.barePlusNanos(other).isEmpty(), other);
    }
  }

  @Test
  void theCpuPerRequestOfEachSideIsTheMedianOfTheRoundsWhenEveryRoundMeasuredIt() {
    List<Row> rows = LoadRows.of(List.of(
        withCpu(run("REGISTRY", 0, 30_000, 0, 5000), 16.0, 13.0), withCpu(run("REGISTRY", 0, 31_000, 0, 4000), 14.0, 12.5),
        withCpu(run("REGISTRY", 0, 32_000, 0, 4500), 15.0, 14.0), run("BARE_VERTX", 0, 60_000, 0, 2000),
        withCpu(run("BARE_VERTX", 0, 61_000, 0, 2000), 12.0, 12.0)));
    Row registry = rows.stream().filter(row -> row.impl().equals("REGISTRY")).findFirst().orElseThrow();
    assertEquals(15.0, registry.cpuMicros());
    assertTrue(registry.note().endsWith("; CPU per request 15.0 us (server), 13.0 us (client)"), registry.note());
    Row bare = rows.stream().filter(row -> row.impl().equals("BARE_VERTX")).findFirst().orElseThrow();
    assertTrue(Double.isNaN(bare.cpuMicros()), "a round without the figure: no median of part of the rounds");
    assertFalse(bare.note().contains("CPU"), bare.note());
  }

  private static JsonObject withCpu(JsonObject run, double server, double client) {
    return run.put("cpuMicrosPerRequest", new JsonObject().put("server", server).put("client", client));
  }
}
