package io.sophra.registry.bench.report;

import static io.sophra.registry.bench.report.Rows.avgt;
import static io.sophra.registry.bench.report.Rows.fixedRate;
import static io.sophra.registry.bench.report.Rows.sample;
import static io.sophra.registry.bench.report.Rows.saturation;
import static io.sophra.registry.bench.report.Rows.sweepStep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sophra.registry.bench.report.Verdict.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  private static final double MS = 1_000_000;

  private static Verdict find(List<Row> rows, String targetStart) {
    return find(rows, List.of(), targetStart);
  }

  private static Verdict find(List<Row> rows, List<HeapFigure> heap, String targetStart) {
    List<Verdict> found = Verdicts.judge(rows, heap).stream()
        .filter(verdict -> verdict.target().startsWith(targetStart)).toList();
    assertEquals(1, found.size(), () -> "one verdict starting with '" + targetStart + "': " + found);
    return found.get(0);
  }

  @Test
  void aFixedRateStepWithErrorsFailsWhateverItsLatency() {
    Verdict verdict = find(List.of(fixedRate(2000, 2000, 1, 0.5 * MS)), "HTTP GET at a fixed 2,000 req/s");
    assertEquals(Outcome.FAIL, verdict.outcome(), verdict::toString);
    assertTrue(verdict.evidence().contains("1 errors"), verdict::toString);
  }

  @Test
  void aFixedRateStepMustAnswerNinetyNinePercentOfItsRate() {
    assertEquals(Outcome.FAIL, find(List.of(fixedRate(10000, 9899, 0, MS)), "HTTP GET at a fixed").outcome());
    assertEquals(Outcome.PASS, find(List.of(fixedRate(10000, 9900, 0, MS)), "HTTP GET at a fixed").outcome());
  }

  @Test
  void eachFixedRateStepIsJudgedOnItsOwnAndHeldToThePromise() {
    List<Row> rows = List.of(fixedRate(2000, 2000, 0, MS), fixedRate(10000, 10000, 0, 5 * MS));
    assertEquals(Outcome.PASS, find(rows, "HTTP GET at a fixed 2,000").outcome());
    assertEquals(Outcome.FAIL, find(rows, "HTTP GET at a fixed 10,000").outcome());
  }

  @Test
  void targetsNotMeasuredAreSkipped() {
    List<Verdict> verdicts = Verdicts.judge(List.of(), List.of());
    assertTrue(verdicts.size() >= 20, verdicts::toString);
    assertTrue(verdicts.stream().allMatch(verdict -> verdict.outcome() == Outcome.SKIP), verdicts::toString);
  }

  @Test
  void aStandardRunWithASkipFailsAndAQuickRunDoesNot() {
    List<Verdict> skipped = List.of(new Verdict(Outcome.PASS, "a", ""), Verdict.skip("b"));
    assertEquals(1, Verdict.Overall.of(skipped, true).exitStatus());
    assertTrue(Verdict.Overall.of(skipped, true).line().startsWith("VERDICT: FAIL"));
    assertEquals(0, Verdict.Overall.of(skipped, false).exitStatus());
    List<Verdict> failed = List.of(new Verdict(Outcome.FAIL, "a", ""));
    assertEquals(1, Verdict.Overall.of(failed, false).exitStatus());
    assertEquals(0, Verdict.Overall.of(List.of(new Verdict(Outcome.PASS, "a", "")), true).exitStatus());
  }

  @Test
  void theSaturationP99IsHeldToTheFiveMillisecondPromiseEvenWhenItsRatioPasses() {
    List<Row> rows = List.of(saturation("BARE_VERTX", 60_000, 4.5 * MS, 0),
        saturation("REGISTRY", 58_000, 5.2 * MS, 0));
    assertEquals(Outcome.PASS, find(rows, "HTTP GET p99 <= 1.3x").outcome());
    assertEquals(Outcome.FAIL, find(rows, "promise: HTTP GET p99 < 5 ms at saturation").outcome());
  }

  @Test
  void throughputIsComparedWithTheBareServerAndWithRedis() {
    List<Row> rows = new ArrayList<>(List.of(saturation("BARE_VERTX", 100_000, MS, 0),
        saturation("REGISTRY", 90_000, MS, 0), saturation("REDIS", 150_000, MS, 0)));
    assertEquals(Outcome.PASS, find(rows, "HTTP GET throughput >= 90% of the bare").outcome());
    assertEquals(Outcome.PASS, find(rows, "HTTP GET throughput >= 0.6x Redis").outcome());
    rows.set(2, saturation("REDIS", 153_000, MS, 0));
    Verdict againstRedis = find(rows, "HTTP GET throughput >= 0.6x Redis");
    assertEquals(Outcome.FAIL, againstRedis.outcome());
    assertTrue(againstRedis.evidence().endsWith("= 0.588x (the bare Vert.x server, not judged: 0.654x)"),
        againstRedis.evidence());
    rows.set(0, saturation("BARE_VERTX", 100_100, MS, 0));
    assertEquals(Outcome.FAIL, find(rows, "HTTP GET throughput >= 90% of the bare").outcome());
  }

  @Test
  void withoutRedisItsComparisonIsSkippedAndTheOthersStillJudged() {
    List<Row> rows = List.of(saturation("BARE_VERTX", 100_000, MS, 0), saturation("REGISTRY", 95_000, MS, 0));
    assertEquals(Outcome.SKIP, find(rows, "HTTP GET throughput >= 0.6x Redis").outcome());
    assertEquals(Outcome.PASS, find(rows, "HTTP GET throughput >= 90% of the bare").outcome());
  }

  @Test
  void aComparisonFailsWhenEitherSideAnsweredErrors() {
    List<Row> rows = List.of(saturation("BARE_VERTX", 100_000, MS, 3), saturation("REGISTRY", 95_000, MS, 0));
    Verdict verdict = find(rows, "HTTP GET throughput >= 90% of the bare");
    assertEquals(Outcome.FAIL, verdict.outcome());
    assertTrue(verdict.evidence().contains("BARE_VERTX 3"), verdict::toString);
    assertEquals(Outcome.FAIL, find(rows, "HTTP GET p99 <= 1.3x").outcome());
  }

  @Test
  void theBareWorkReferencesAreShownBesideTheComparisonsAndNeverJudged() {
    List<Row> rows = List.of(saturation("BARE_VERTX", 100_000, MS, 0), saturation("REGISTRY", 95_000, 1.25 * MS, 0),
        saturation(LoadRows.barePlus(1000), 90_000, 1.8 * MS, 7), saturation(LoadRows.barePlus(500), 98_000, 1.2 * MS, 0));
    Verdict p99 = find(rows, "HTTP GET p99 <= 1.3x");
    assertEquals(Outcome.PASS, p99.outcome(), "a reference's errors or tail do not judge the registry: " + p99);
    assertTrue(p99.evidence().endsWith("(not judged: the bare server with 500 ns more CPU per request: p99 1.20 ms"
        + " = 1.20x; with 1,000 ns: p99 1.80 ms = 1.80x)"), p99::toString);
    Verdict throughput = find(rows, "HTTP GET throughput >= 90% of the bare");
    assertEquals(Outcome.PASS, throughput.outcome(), throughput::toString);
    assertTrue(throughput.evidence().contains("= 95.0% (not judged: the bare server with 500 ns more CPU per request:"
        + " 98.0%; with 1,000 ns: 90.0%)"), throughput::toString);
    assertFalse(find(rows.subList(0, 2), "HTTP GET p99 <= 1.3x").evidence().contains("not judged"));
  }

  @Test
  void theBareServerAnsweringEachModelsBytesIsShownFirstAmongTheReferencesAndNeverJudged() {
    List<Row> rows = List.of(saturation("BARE_VERTX", 100_000, MS, 0, 12.0), saturation("REGISTRY", 80_000, 1.5 * MS, 0, 14.0),
        saturation(LoadRows.barePlus(1000), 90_000, 1.2 * MS, 0), saturation(LoadRows.BARE_PER_MODEL, 60_000, 1.1 * MS, 3, 13.25));
    Verdict p99 = find(rows, "HTTP GET p99 <= 1.3x");
    assertEquals(Outcome.FAIL, p99.outcome(), "judged on the registry against the bare server alone: " + p99);
    assertTrue(p99.evidence().endsWith("= 1.500x; CPU per request 14.0 vs 12.0 us (not judged: the bare server answering"
        + " each model's own bytes: p99 1.10 ms = 1.10x, 13.3 us CPU; the bare server with 1,000 ns more CPU per request:"
        + " p99 1.20 ms = 1.20x)"), p99::toString);
    Verdict throughput = find(rows, "HTTP GET throughput >= 90% of the bare");
    assertEquals(Outcome.FAIL, throughput.outcome(), "80% whatever the reference's 60% and errors: " + throughput);
    assertTrue(throughput.evidence().contains("(not judged: the bare server answering each model's own bytes: 60.0%,"
        + " 13.3 us CPU; the bare server with 1,000 ns more CPU per request: 90.0%)"), throughput::toString);
    assertEquals(Outcome.PASS, find(List.of(saturation("BARE_VERTX", 100_000, MS, 0), saturation("REGISTRY", 95_000, MS, 0),
        saturation(LoadRows.BARE_PER_MODEL, 50_000, 9 * MS, 100)), "HTTP GET p99 <= 1.3x").outcome(),
        "a reference's errors and tail never fail the registry");
  }

  @Test
  void theComparisonsWithTheBareServerShowEachSidesCpuPerRequestWhenMeasured() {
    List<Row> rows = List.of(saturation("BARE_VERTX", 100_000, MS, 0, 12.34), saturation("REGISTRY", 95_000, 2 * MS, 0, 15.06),
        saturation(LoadRows.barePlus(2000), 80_000, 3 * MS, 0, 14.4));
    Verdict p99 = find(rows, "HTTP GET p99 <= 1.3x");
    assertEquals(Outcome.FAIL, p99.outcome());
    assertTrue(p99.evidence().contains("= 2.000x; CPU per request 15.1 vs 12.3 us (not judged: the bare server with"
        + " 2,000 ns more CPU per request: p99 3.00 ms = 3.00x, 14.4 us CPU)"), p99::toString);
    assertTrue(find(rows, "HTTP GET throughput >= 90% of the bare").evidence()
        .contains("= 95.0%; CPU per request 15.1 vs 12.3 us"));
  }

  @Test
  void theAliasResolutionShowsItsFloorBesideItAndIsJudgedOnItsOwnFigures() {
    String resolve = "AliasResolveBenchmark.resolve";
    List<Row> rows = List.of(sample(resolve, "GET_MODEL", 250, 600, 300, "models=1000", "aliases=20"),
        sample(resolve, "RESOLVE", 470, 700, 500, "models=1000", "aliases=20"),
        sample(resolve, "GET_MODEL_AND_DRAW", 350, 900, 400, "models=1000", "aliases=20"));
    Verdict verdict = find(rows, "alias resolution in process");
    assertEquals(Outcome.PASS, verdict.outcome(), "700 vs 600 ns = 1.17x, whatever the floor's figure: " + verdict);
    assertTrue(verdict.evidence().endsWith("; the lookup plus the documented hash alone, not judged: p99 900 ns = 1.50x"
        + " (p50 350 ns)"), verdict::toString);
  }

  @Test
  void theHttpP99RatioIsOnePointThree() {
    assertEquals(Outcome.PASS, find(List.of(saturation("BARE_VERTX", 1, 2 * MS, 0),
        saturation("REGISTRY", 1, 2.6 * MS, 0)), "HTTP GET p99 <= 1.3x").outcome());
    assertEquals(Outcome.FAIL, find(List.of(saturation("BARE_VERTX", 1, 2 * MS, 0),
        saturation("REGISTRY", 1, 2.62 * MS, 0)), "HTTP GET p99 <= 1.3x").outcome());
  }

  @Test
  void theGetModelMeanRatioIsJudgedOnAverageTimeMeansOnly() {
    String getModel = "GetModelBenchmark.getModel";
    List<Row> sampleOnly = List.of(sample(getModel, "CONCURRENT_HASH_MAP", 80, 200, 100, "models=5000", "keys=ZIPF"),
        sample(getModel, "REGISTRY", 900, 3000, 1000, "models=5000", "keys=ZIPF"));
    assertEquals(Outcome.SKIP, find(sampleOnly, "in-process getModel mean <= 20x ConcurrentHashMap.get at 5,000 models (AverageTime, ZIPF)").outcome());
    List<Row> rows = new ArrayList<>(sampleOnly);
    rows.add(avgt(getModel, "CONCURRENT_HASH_MAP", 40, "models=5000", "keys=ZIPF"));
    rows.add(avgt(getModel, "REGISTRY", 840, "models=5000", "keys=ZIPF"));
    assertEquals(Outcome.FAIL, find(rows, "in-process getModel mean <= 20x ConcurrentHashMap.get at 5,000 models (AverageTime, ZIPF)").outcome());
    rows.set(3, avgt(getModel, "REGISTRY", 800, "models=5000", "keys=ZIPF"));
    assertEquals(Outcome.PASS, find(rows, "in-process getModel mean <= 20x ConcurrentHashMap.get at 5,000 models (AverageTime, ZIPF)").outcome());
  }

  @Test
  void flatnessIsTheRegistrysGrowthAgainstTheMapsGrowthInTheSameRun() {
    String getModel = "GetModelBenchmark.getModel";
    List<Row> rows = new ArrayList<>(List.of(
        sample(getModel, "CONCURRENT_HASH_MAP", 100, 1, 1, "models=1000", "keys=UNIFORM"),
        sample(getModel, "CONCURRENT_HASH_MAP", 300, 1, 1, "models=100000", "keys=UNIFORM"),
        sample(getModel, "REGISTRY", 1000, 1, 1, "models=1000", "keys=UNIFORM"),
        sample(getModel, "REGISTRY", 3500, 1, 1, "models=100000", "keys=UNIFORM")));
    assertEquals(Outcome.PASS, find(rows, "getModel flat: p50 growth 1,000 -> 100,000 models <= 1.2x the ConcurrentHashMap's growth (UNIFORM)").outcome(), "3.5x against the map's 3x: 1.17x");
    rows.set(3, sample(getModel, "REGISTRY", 3700, 1, 1, "models=100000", "keys=UNIFORM"));
    assertEquals(Outcome.FAIL, find(rows, "getModel flat: p50 growth 1,000 -> 100,000 models <= 1.2x the ConcurrentHashMap's growth (UNIFORM)").outcome(), "3.7x against the map's 3x: 1.23x");
  }

  @Test
  void heapPerModelIsJudgedAgainstItsJsonSizeAtBothCounts() {
    List<HeapFigure> heap = List.of(new HeapFigure(5000, 2100, 842), new HeapFigure(100_000, 2200, 842));
    assertEquals(Outcome.PASS, find(List.of(), heap, "heap per stored model <= 2.5x its JSON size at 5,000").outcome());
    assertEquals(Outcome.FAIL, find(List.of(), heap, "heap per stored model <= 2.5x its JSON size at 100,000")
        .outcome());
    assertEquals(Outcome.SKIP, find(List.of(), List.of(heap.get(0)), "heap per stored model <= 2.5x its JSON size"
        + " at 100,000").outcome());
  }

  @Test
  void writesAreHeldToFourTimesOneSetAsyncAndToTwoMilliseconds() {
    String update = "WriteBenchmark.updateModel";
    List<Row> rows = new ArrayList<>(List.of(sample(update, "IMAP_SET_ASYNC", 80_000, 200_000, 100_000, "keys=UNIFORM"),
        sample(update, "REGISTRY", 300_000, 2 * MS, 400_000, "keys=UNIFORM")));
    assertEquals(Outcome.PASS, find(rows, "updateModel mean <= 4x").outcome());
    assertEquals(Outcome.PASS, find(rows, "updateModel p99 <= 2").outcome());
    assertEquals(Outcome.SKIP, find(rows, "registerModel mean <= 4x").outcome());
    rows.set(1, sample(update, "REGISTRY", 300_000, 2.1 * MS, 410_000, "keys=UNIFORM"));
    assertEquals(Outcome.FAIL, find(rows, "updateModel mean <= 4x").outcome());
    assertEquals(Outcome.FAIL, find(rows, "updateModel p99 <= 2").outcome());
  }

  @Test
  void theWriteVerdictsShowTheGridChainBesideTheRegistryWithoutJudgingIt() {
    String update = "WriteBenchmark.updateModel";
    List<Row> rows = new ArrayList<>(List.of(sample(update, "IMAP_SET_ASYNC", 80_000, 200_000, 100_000, "keys=UNIFORM"),
        sample(update, "REGISTRY", 300_000, 2.1 * MS, 500_000, "keys=UNIFORM")));
    assertFalse(find(rows, "updateModel mean <= 4x").evidence().contains("grid writes alone"), "no chain measured");
    rows.add(sample(update, "GRID_CHAIN", 250_000, 1.5 * MS, 330_000, "keys=UNIFORM"));
    Verdict mean = find(rows, "updateModel mean <= 4x");
    assertEquals(Outcome.FAIL, mean.outcome());
    assertTrue(mean.evidence().endsWith("= 5.0x (its grid writes alone, chained the same way, not judged: 330.0 us"
        + " = 3.3x)"), mean.evidence());
    Verdict p99 = find(rows, "updateModel p99 <= 2");
    assertEquals(Outcome.FAIL, p99.outcome());
    assertTrue(p99.evidence().endsWith("; its grid writes alone p99 1.50 ms)"), p99.evidence());
  }

  @Test
  void httpAllocationIsTheRegistrysBytesPerGetBeyondTheBareServersInForksOfTheSameLayout() {
    String get = "HttpGetBenchmark.getModel";
    String target = "allocation per HTTP GET beyond the bare Vert.x server's";
    assertEquals(Outcome.SKIP, find(List.of(sample(get, "REGISTRY", 1, 1, 1, "models=5000", "keys=ZIPF"),
        sample(get, "BARE_VERTX", 1, 1, 1, "models=5000", "keys=ZIPF")), target).outcome(), "not profiled");
    assertEquals(Outcome.PASS, find(List.of(Rows.allocating(get, "REGISTRY", 11_248, "models=5000", "keys=ZIPF"),
        Rows.allocating(get, "BARE_VERTX", 9_200, "models=5000", "keys=ZIPF")), target).outcome());
    assertEquals(Outcome.FAIL, find(List.of(Rows.allocating(get, "REGISTRY", 11_249, "models=5000", "keys=ZIPF"),
        Rows.allocating(get, "BARE_VERTX", 9_200, "models=5000", "keys=ZIPF")), target).outcome());
  }

  @Test
  void theFirstListPageHoldsBothItsP50AndItsP99ToTenTimesTheSortedMap() {
    String list = "ListModelsBenchmark.listModels";
    List<Row> rows = new ArrayList<>(List.of(sample(list, "SKIP_LIST", 100_000, 150_000, 1, "models=5000", "page=FIRST"),
        sample(list, "REGISTRY", 1_000_000, 1_500_000, 1, "models=5000", "page=FIRST")));
    assertEquals(Outcome.PASS, find(rows, "first list page").outcome());
    rows.set(1, sample(list, "REGISTRY", 900_000, 1_600_000, 1, "models=5000", "page=FIRST"));
    assertEquals(Outcome.FAIL, find(rows, "first list page").outcome());
  }

  @Test
  void capacityIsTheHighestSweepRateKeptUnderEachBoundWithNoErrorsAndItsRateAnswered() {
    List<Row> rows = List.of(sweepStep(1000, 1000, 0, 0.6 * MS), sweepStep(2000, 2000, 0, 0.9 * MS),
        sweepStep(4000, 4000, 0, 3 * MS), sweepStep(8000, 7800, 0, 2 * MS), sweepStep(16000, 16000, 2, 4 * MS));
    Verdict verdict = find(rows, "capacity reported");
    assertEquals(Outcome.PASS, verdict.outcome(), verdict::toString);
    assertTrue(verdict.evidence().contains("p99 <= 5 ms up to 4,000 req/s"), verdict::toString);
    assertTrue(verdict.evidence().contains("p99 <= 1 ms up to 2,000 req/s"), verdict::toString);
    assertEquals(Outcome.SKIP, find(List.of(fixedRate(2000, 2000, 0, MS)), "capacity reported").outcome());
    assertTrue(find(List.of(sweepStep(1000, 1000, 0, 6 * MS)), "capacity reported").evidence()
        .contains("none of the rates tried"));
  }

  @Test
  void sweepStepsAreNotJudgedAsFixedRateSteps() {
    Verdict fixed = find(List.of(sweepStep(50000, 20000, 0, 40 * MS)), "HTTP GET at fixed rates");
    assertEquals(Outcome.SKIP, fixed.outcome(), fixed::toString);
  }
}
