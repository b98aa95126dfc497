package io.sophra.registry.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * PASS / FAIL against the seed's promise and issue 10's targets ({@link Targets}), each judged on
 * figures of this run only; a target whose figures this run did not measure is SKIP. This class judges
 * the in-process lookups and alias resolution; {@link LoadVerdicts} the HTTP load run (fixed rates,
 * saturation against the bare server and Redis); {@link CostVerdicts} heap, writes and lists.
 */
public final class Verdicts {

  private static final List<String> KEYS = List.of("ZIPF", "UNIFORM");

  private final List<Row> rows;
  private final List<Verdict> verdicts = new ArrayList<>();

  private Verdicts(List<Row> rows) {
    this.rows = rows;
  }

  public static List<Verdict> judge(List<Row> rows, List<HeapFigure> heap) {
    Verdicts judge = new Verdicts(rows);
    for (String models : List.of("5000", "100000")) {
      judge.promise("GetModelBenchmark", "in-process getModel", models);
      judge.promise("HttpGetBenchmark", "HTTP GET (one connection)", models);
    }
    for (String keys : KEYS) {
      judge.meanRatio(keys);
      judge.flat(keys);
    }
    judge.resolution("AliasResolveBenchmark", "in process", "getModel");
    judge.resolution("HttpResolveBenchmark", "over HTTP (side by side, a connection each)", "GET /v1/models/{id}");
    List<Verdict> all = new ArrayList<>(judge.verdicts);
    all.addAll(LoadVerdicts.judge(rows));
    all.addAll(CostVerdicts.judge(rows, heap));
    return all;
  }

  private void promise(String benchmarkClass, String what, String models) {
    String target = String.format(Locale.ROOT, "promise: %s p99 < 5 ms at %,d models", what, Long.parseLong(models));
    List<Row> measured = rows.stream().filter(row -> row.className().equals(benchmarkClass)
        && "sample".equals(row.mode()) && "REGISTRY".equals(row.impl()) && models.equals(row.param("models"))).toList();
    verdicts.add(all(target, measured, row -> row.p99() < Targets.PROMISE_NANOS,
        row -> "p99 " + Table.time(row.p99()) + " (" + row.param("keys") + ")"));
  }

  /** PASS when every measured row passes, SKIP when none was measured. */
  static Verdict all(String target, List<Row> measured, Predicate<Row> passes, Function<Row, String> evidence) {
    if (measured.isEmpty()) {
      return Verdict.skip(target);
    }
    return Verdict.of(measured.stream().allMatch(passes), target,
        String.join(", ", measured.stream().map(evidence).toList()));
  }

  /** Judged on the AverageTime means only: SampleTime's means carry a timer pair per call. */
  private void meanRatio(String keys) {
    String target = String.format(Locale.ROOT, "in-process getModel mean <= %.0fx ConcurrentHashMap.get at 5,000 models"
        + " (AverageTime, %s)", Targets.GET_MEAN_RATIO, keys);
    Optional<Row> registry = getModel("REGISTRY", "5000", keys, "avgt");
    Optional<Row> base = getModel("CONCURRENT_HASH_MAP", "5000", keys, "avgt");
    if (registry.isEmpty() || base.isEmpty()) {
      verdicts.add(Verdict.skip(target));
      return;
    }
    double ratio = registry.get().mean() / base.get().mean();
    verdicts.add(Verdict.of(ratio <= Targets.GET_MEAN_RATIO, target, String.format(Locale.ROOT,
        "%s vs %s = %.1fx", Table.time(registry.get().mean()), Table.time(base.get().mean()), ratio)));
  }

  /**
   * The registry's p50 growth from 1,000 to 100,000 models against the ConcurrentHashMap's own growth
   * in the same run (the map slows with its working set too: CPU cache misses, not the registry's code).
   */
  private void flat(String keys) {
    String target = String.format(Locale.ROOT, "getModel flat: p50 growth 1,000 -> 100,000 models <= %.1fx the"
        + " ConcurrentHashMap's growth (%s)", Targets.FLATNESS_RATIO, keys);
    Optional<Row> small = getModel("REGISTRY", "1000", keys, "sample");
    Optional<Row> large = getModel("REGISTRY", "100000", keys, "sample");
    Optional<Row> baseSmall = getModel("CONCURRENT_HASH_MAP", "1000", keys, "sample");
    Optional<Row> baseLarge = getModel("CONCURRENT_HASH_MAP", "100000", keys, "sample");
    if (small.isEmpty() || large.isEmpty() || baseSmall.isEmpty() || baseLarge.isEmpty()) {
      verdicts.add(Verdict.skip(target));
      return;
    }
    double growth = large.get().p50() / small.get().p50();
    double baseGrowth = baseLarge.get().p50() / baseSmall.get().p50();
    verdicts.add(Verdict.of(growth <= Targets.FLATNESS_RATIO * baseGrowth, target, String.format(Locale.ROOT,
        "registry %s vs %s = %.2fx; ConcurrentHashMap %s vs %s = %.2fx; %.2fx its growth",
        Table.time(large.get().p50()), Table.time(small.get().p50()), growth, Table.time(baseLarge.get().p50()),
        Table.time(baseSmall.get().p50()), baseGrowth, growth / baseGrowth)));
  }

  private Optional<Row> getModel(String impl, String models, String keys, String mode) {
    return rows.stream().filter(row -> row.className().equals("GetModelBenchmark")
        && mode.equals(row.mode()) && impl.equals(row.impl()) && models.equals(row.param("models"))
        && keys.equals(row.param("keys"))).findFirst();
  }

  private void resolution(String benchmarkClass, String how, String baseline) {
    String target = String.format(Locale.ROOT, "alias resolution %s p99 <= %.1fx %s p99 of the chosen model", how,
        Targets.RESOLVE_P99_RATIO, baseline);
    Optional<Row> resolve = rows.stream().filter(row -> row.className().equals(benchmarkClass)
        && "sample".equals(row.mode()) && "RESOLVE".equals(row.impl())).findFirst();
    Optional<Row> get = resolve.flatMap(row -> rows.stream().filter(other -> "GET_MODEL".equals(other.impl())
        && row.sameExceptImpl(other, false)).findFirst());
    if (resolve.isEmpty() || get.isEmpty()) {
      verdicts.add(Verdict.skip(target));
      return;
    }
    double ratio = resolve.get().p99() / get.get().p99();
    Optional<Row> floor = rows.stream().filter(other -> "GET_MODEL_AND_DRAW".equals(other.impl())
        && resolve.get().sameExceptImpl(other, false)).findFirst();
    verdicts.add(Verdict.of(ratio <= Targets.RESOLVE_P99_RATIO, target, String.format(Locale.ROOT,
        "%s vs %s = %.2fx (p50 %s vs %s)", Table.time(resolve.get().p99()), Table.time(get.get().p99()), ratio,
        Table.time(resolve.get().p50()), Table.time(get.get().p50()))
        + floor.map(row -> String.format(Locale.ROOT, "; the lookup plus the documented hash alone, not judged:"
            + " p99 %s = %.2fx (p50 %s)", Table.time(row.p99()), row.p99() / get.get().p99(), Table.time(row.p50())))
            .orElse("")));
  }
}
