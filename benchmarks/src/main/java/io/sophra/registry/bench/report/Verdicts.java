package io.sophra.registry.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * PASS / FAIL against the seed's promise and DESIGN.md "Performance targets", each judged on figures of
 * this run only; a target whose figures this run did not measure is SKIP.
 */
public final class Verdicts {

  /** The seed's promise: lookups under 5 ms (held to p99 at 5,000 and 100,000 models). */
  static final double PROMISE_NANOS = 5_000_000;
  static final double MEAN_RATIO_LIMIT = 50;
  static final double FLATNESS_LIMIT = 1.2;
  static final double THROUGHPUT_SHARE = 0.70;
  static final double HTTP_P99_RATIO_LIMIT = 2.0;
  /** Issue 12: an alias resolution's p99 at most 1.2 times a GET's p99, in process and over HTTP. */
  static final double RESOLVE_P99_RATIO_LIMIT = 1.2;
  private static final List<String> KEYS = List.of("ZIPF", "UNIFORM");

  /** One judged target. */
  public record Verdict(String outcome, String target, String evidence) {

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-5s %s: %s", outcome, target, evidence);
    }
  }

  private final List<Row> rows;
  private final List<Verdict> verdicts = new ArrayList<>();

  private Verdicts(List<Row> rows) {
    this.rows = rows;
  }

  public static List<Verdict> judge(List<Row> rows) {
    Verdicts judge = new Verdicts(rows);
    for (String models : List.of("5000", "100000")) {
      judge.promise("GetModelBenchmark", "in-process getModel", models);
      judge.promise("HttpGetBenchmark", "HTTP GET (one connection)", models);
    }
    judge.promiseUnderLoad();
    for (String keys : KEYS) {
      judge.meanWithinFiftyTimes(keys);
      judge.flat(keys);
    }
    judge.http();
    judge.resolution("AliasResolveBenchmark", "in process", "getModel");
    judge.resolution("HttpResolveBenchmark", "over HTTP (one connection)", "GET /v1/models/{id}");
    return judge.verdicts;
  }

  private void resolution(String benchmarkClass, String how, String baseline) {
    String target = "alias resolution " + how + " p99 <= 1.2x " + baseline + " p99 of the chosen model";
    Optional<Row> resolve = rows.stream().filter(row -> row.className().equals(benchmarkClass)
        && "sample".equals(row.mode()) && "RESOLVE".equals(row.impl())).findFirst();
    Optional<Row> get = resolve.flatMap(row -> rows.stream().filter(other -> "GET_MODEL".equals(other.impl())
        && row.sameExceptImpl(other, false)).findFirst());
    if (resolve.isEmpty() || get.isEmpty()) {
      verdicts.add(new Verdict("SKIP", target, "not measured in this run"));
      return;
    }
    double ratio = resolve.get().p99() / get.get().p99();
    verdicts.add(new Verdict(ratio <= RESOLVE_P99_RATIO_LIMIT ? "PASS" : "FAIL", target, String.format(Locale.ROOT,
        "%s vs %s = %.2fx (p50 %s vs %s)", Table.time(resolve.get().p99()), Table.time(get.get().p99()), ratio,
        Table.time(resolve.get().p50()), Table.time(get.get().p50()))));
  }

  private void promise(String benchmarkClass, String what, String models) {
    String target = String.format("promise: %s p99 < 5 ms at %,d models", what, Long.parseLong(models));
    List<Row> measured = rows.stream().filter(row -> row.className().equals(benchmarkClass)
        && "sample".equals(row.mode()) && "REGISTRY".equals(row.impl()) && models.equals(row.param("models"))).toList();
    judgeAll(target, measured, row -> row.p99() < PROMISE_NANOS,
        row -> "p99 " + Table.time(row.p99()) + " (" + row.param("keys") + ")");
  }

  private void promiseUnderLoad() {
    List<Row> measured = rows.stream().filter(row -> row.benchmark().equals("LoadRun.http-fixed-rate")
        && "REGISTRY".equals(row.impl())).toList();
    judgeAll("promise: HTTP GET p99 < 5 ms under fixed-rate load (32 connections)", measured,
        row -> row.p99() < PROMISE_NANOS,
        row -> row.param("rate") + " req/s: p99 " + Table.time(row.p99()));
  }

  private void judgeAll(String target, List<Row> measured, Predicate<Row> passes,
      Function<Row, String> evidence) {
    if (measured.isEmpty()) {
      verdicts.add(new Verdict("SKIP", target, "not measured in this run"));
      return;
    }
    boolean all = measured.stream().allMatch(passes);
    verdicts.add(new Verdict(all ? "PASS" : "FAIL", target,
        String.join(", ", measured.stream().map(evidence).toList())));
  }

  private void meanWithinFiftyTimes(String keys) {
    String target = "in-process getModel mean within 50x of ConcurrentHashMap.get at 5,000 models (" + keys + ")";
    Optional<Row> registry = getModel("REGISTRY", "5000", keys, "avgt").or(() -> getModel("REGISTRY", "5000", keys, "sample"));
    Optional<Row> base = registry.flatMap(row -> getModel("CONCURRENT_HASH_MAP", "5000", keys, row.mode()));
    if (registry.isEmpty() || base.isEmpty()) {
      verdicts.add(new Verdict("SKIP", target, "not measured in this run"));
      return;
    }
    double ratio = registry.get().mean() / base.get().mean();
    verdicts.add(new Verdict(ratio <= MEAN_RATIO_LIMIT ? "PASS" : "FAIL", target, String.format(Locale.ROOT,
        "%s vs %s = %.1fx (%s mode; registry p99 %s)", Table.time(registry.get().mean()), Table.time(base.get().mean()),
        ratio, registry.get().mode(), getModel("REGISTRY", "5000", keys, "sample").map(row -> Table.time(row.p99()))
            .orElse("-"))));
  }

  private void flat(String keys) {
    String target = "getModel cost flat: p50 at 100,000 models <= 1.2x p50 at 1,000 (" + keys + ")";
    Optional<Row> small = getModel("REGISTRY", "1000", keys, "sample");
    Optional<Row> large = getModel("REGISTRY", "100000", keys, "sample");
    if (small.isEmpty() || large.isEmpty()) {
      verdicts.add(new Verdict("SKIP", target, "not measured in this run"));
      return;
    }
    double ratio = large.get().p50() / small.get().p50();
    String baseline = getModel("CONCURRENT_HASH_MAP", "1000", keys, "sample")
        .flatMap(base -> getModel("CONCURRENT_HASH_MAP", "100000", keys, "sample").map(baseLarge -> String.format(
            Locale.ROOT, "; ConcurrentHashMap in the same run: %s vs %s = %.2fx", Table.time(baseLarge.p50()),
            Table.time(base.p50()), baseLarge.p50() / base.p50())))
        .orElse("");
    verdicts.add(new Verdict(ratio <= FLATNESS_LIMIT ? "PASS" : "FAIL", target, String.format(Locale.ROOT,
        "%s vs %s = %.2fx%s", Table.time(large.get().p50()), Table.time(small.get().p50()), ratio, baseline)));
  }

  private Optional<Row> getModel(String impl, String models, String keys, String mode) {
    return rows.stream().filter(row -> row.className().equals("GetModelBenchmark")
        && mode.equals(row.mode()) && impl.equals(row.impl()) && models.equals(row.param("models"))
        && keys.equals(row.param("keys"))).findFirst();
  }

  private void http() {
    Optional<Row> registry = saturation("REGISTRY");
    Optional<Row> bare = saturation("BARE_VERTX");
    String throughput = "HTTP GET throughput >= 70% of the bare Vert.x server (32 connections)";
    String p99 = "HTTP GET p99 <= 2x the bare Vert.x server's p99 (32 connections)";
    if (registry.isEmpty() || bare.isEmpty()) {
      verdicts.add(new Verdict("SKIP", throughput, "not measured in this run"));
      verdicts.add(new Verdict("SKIP", p99, "not measured in this run"));
      return;
    }
    double share = registry.get().rate() / bare.get().rate();
    verdicts.add(new Verdict(share >= THROUGHPUT_SHARE ? "PASS" : "FAIL", throughput, String.format(Locale.ROOT,
        "%,.0f vs %,.0f req/s = %.0f%%", registry.get().rate(), bare.get().rate(), share * 100)));
    double ratio = registry.get().p99() / bare.get().p99();
    verdicts.add(new Verdict(ratio <= HTTP_P99_RATIO_LIMIT ? "PASS" : "FAIL", p99, String.format(Locale.ROOT,
        "%s vs %s = %.2fx", Table.time(registry.get().p99()), Table.time(bare.get().p99()), ratio)));
  }

  private Optional<Row> saturation(String impl) {
    return rows.stream().filter(row -> row.benchmark().equals("LoadRun.http-saturation") && impl.equals(row.impl()))
        .findFirst();
  }
}
