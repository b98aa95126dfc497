package io.sophra.registry.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMH's results become rows; a group of methods measured side by side becomes one row per method. */
class ResultsReaderTest {

  private static JsonObject sample(double mean, double p50, double p99) {
    return new JsonObject().put("score", mean).put("scoreUnit", "us/op").put("scorePercentiles",
        new JsonObject().put("0.0", p50 / 2).put("50.0", p50).put("99.0", p99).put("99.9", p99 * 2).put("100.0", p99 * 9));
  }

  /** The shape JMH 1.37 writes for {@code @Group("sideBySide")} with methods getModel and resolve, one thread each. */
  private static JsonObject group() {
    return new JsonObject()
        .put("benchmark", "io.sophra.registry.bench.HttpResolveBenchmark.sideBySide")
        .put("mode", "sample").put("threads", 2).put("forks", 1)
        .put("params", new JsonObject().put("aliases", "20").put("models", "1000"))
        .put("primaryMetric", sample(110, 100, 250))
        .put("secondaryMetrics", new JsonObject().put("getModel", sample(100, 90, 200)).put("resolve",
            sample(120, 110, 230))
            // JMH also names each percentile of the group and of each method
            .put("p0.99", sample(250, 250, 250)).put("getModel:p0.99", sample(200, 200, 200))
            .put("resolve:p0.99", sample(230, 230, 230)));
  }

  @Test
  void eachMethodOfAGroupIsARowOfItsOwnNamedAfterTheMethod(@TempDir Path results) throws IOException {
    Files.writeString(results.resolve("jmh-http-resolve.json"), new JsonArray().add(group()).encode());
    List<Row> rows = ResultsReader.read(results);
    assertEquals(2, rows.size(), rows::toString);
    Row get = rows.get(0);
    Row resolve = rows.get(1);
    assertEquals("GET_MODEL", get.impl());
    assertEquals("RESOLVE", resolve.impl());
    assertEquals("HttpResolveBenchmark", resolve.className());
    assertEquals(200_000, get.p99(), 1e-6);
    assertEquals(230_000, resolve.p99(), 1e-6);
    assertEquals(110_000, resolve.p50(), 1e-6);
    assertEquals(120_000, resolve.mean(), 1e-6);
    assertEquals("1000", resolve.param("models"));
    assertEquals(null, resolve.param("threads"), "one thread each: no calls per second are made up");
    assertTrue(Double.isNaN(resolve.rate()));
    assertTrue(resolve.sameExceptImpl(get, false));
    assertEquals(get, new Baselines(rows).of(resolve).orElseThrow(), "the GET is the resolution's baseline");
  }

  @Test
  void theResolutionVerdictJudgesTheTwoThreadsOfTheGroup(@TempDir Path results) throws IOException {
    Files.writeString(results.resolve("jmh-http-resolve.json"), new JsonArray().add(group()).encode());
    Verdict verdict = Verdicts.judge(ResultsReader.read(results), List.of()).stream()
        .filter(v -> v.target().startsWith("alias resolution over HTTP")).findFirst().orElseThrow();
    assertEquals(Verdict.Outcome.PASS, verdict.outcome(), verdict::toString);
    assertTrue(verdict.evidence().startsWith("230.0 us vs 200.0 us = 1.15x"), verdict::toString);
  }

  @Test
  void aResultWithoutAGroupIsOneRowAndItsProfilersAreNotMethods() {
    JsonObject single = group().put("benchmark", "io.sophra.registry.bench.HttpGetBenchmark.getModel").put("threads", 1)
        .put("secondaryMetrics", new JsonObject().put("·gc.alloc.rate.norm", new JsonObject().put("score", 9000.0)
            .put("scoreUnit", "B/op")).put("gc.count", new JsonObject().put("score", 3.0).put("scoreUnit", "counts")));
    single.getJsonObject("params").put("impl", "REGISTRY");
    List<Row> rows = ResultsReader.jmhRows(single);
    assertEquals(1, rows.size());
    assertEquals("REGISTRY", rows.get(0).impl());
    assertEquals(9000.0, rows.get(0).allocBytes(), 1e-9);
    assertEquals(250_000, rows.get(0).p99(), 1e-6);
  }

  @Test
  void methodNamesBecomeUpperSnakeCase() {
    assertEquals("GET_MODEL", ResultsReader.upperSnake("getModel"));
    assertEquals("RESOLVE", ResultsReader.upperSnake("resolve"));
    assertEquals("GET_MODEL_AND_DRAW", ResultsReader.upperSnake("getModelAndDraw"));
  }
}
