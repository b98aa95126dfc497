package io.sophra.registry.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a model costs beyond a lookup: heap per stored model against its JSON size, the writes against
 * one replicated {@code setAsync} (and their p99 against 2 ms), the first list page against the same
 * page from a sorted in-memory map.
 */
final class CostVerdicts {

  private final List<Row> rows;
  private final List<Verdict> verdicts = new ArrayList<>();

  private CostVerdicts(List<Row> rows) {
    this.rows = rows;
  }

  static List<Verdict> judge(List<Row> rows, List<HeapFigure> heap) {
    CostVerdicts judge = new CostVerdicts(rows);
    for (int models : List.of(5000, 100_000)) {
      judge.heap(heap, models);
    }
    for (String method : List.of("registerModel", "updateModel")) {
      judge.write(method);
    }
    judge.firstListPage();
    judge.httpAllocation();
    return judge.verdicts;
  }

  /**
   * The registry's bytes per GET beyond the bare server's: both forks hold the same client and JMH, so
   * their difference is what the registry allocates over a server answering the same bytes.
   */
  private void httpAllocation() {
    String target = String.format(Locale.ROOT, "allocation per HTTP GET beyond the bare Vert.x server's <= %,.0f"
        + " bytes (JMH -prof gc, 5,000 models)", Targets.HTTP_ALLOCATION_BYTES);
    Optional<Row> registry = rows.stream().filter(row -> row.className().equals("HttpGetBenchmark")
        && "REGISTRY".equals(row.impl()) && "5000".equals(row.param("models")) && !Double.isNaN(row.allocBytes()))
        .findFirst();
    Optional<Row> base = registry.flatMap(row -> rows.stream().filter(other -> "BARE_VERTX".equals(other.impl())
        && row.sameExceptImpl(other, false) && !Double.isNaN(other.allocBytes())).findFirst());
    if (registry.isEmpty() || base.isEmpty()) {
      verdicts.add(Verdict.skip(target));
      return;
    }
    double extra = registry.get().allocBytes() - base.get().allocBytes();
    verdicts.add(Verdict.of(extra <= Targets.HTTP_ALLOCATION_BYTES, target, String.format(Locale.ROOT,
        "%,.0f B/op vs %,.0f B/op = %,.0f bytes more", registry.get().allocBytes(), base.get().allocBytes(), extra)));
  }

  private void heap(List<HeapFigure> heap, int models) {
    String target = String.format(Locale.ROOT, "heap per stored model <= %.1fx its JSON size at %,d models (one"
        + " member, Near Cache filled)", Targets.HEAP_JSON_RATIO, models);
    Optional<HeapFigure> figure = heap.stream().filter(each -> each.models() == models).findFirst();
    verdicts.add(figure.map(each -> Verdict.of(each.ratio() <= Targets.HEAP_JSON_RATIO, target, String.format(
            Locale.ROOT, "%,d bytes vs %,d bytes of JSON = %.1fx", each.heapBytesPerModel(), each.jsonBytesPerModel(),
            each.ratio())))
        .orElseGet(() -> Verdict.skip(target)));
  }

  private void write(String method) {
    String meanTarget = String.format(Locale.ROOT, "%s mean <= %.0fx one replicated setAsync", method,
        Targets.WRITE_MEAN_RATIO);
    String p99Target = String.format(Locale.ROOT, "%s p99 <= %s", method, Table.time(Targets.WRITE_P99_NANOS));
    Optional<Row> registry = rows.stream().filter(row -> row.className().equals("WriteBenchmark")
        && row.benchmark().endsWith("." + method) && "sample".equals(row.mode()) && "REGISTRY".equals(row.impl()))
        .findFirst();
    Optional<Row> base = sibling(registry, "IMAP_SET_ASYNC");
    Optional<Row> chain = sibling(registry, "GRID_CHAIN");
    if (registry.isEmpty() || base.isEmpty()) {
      verdicts.add(Verdict.skip(meanTarget));
    } else {
      double ratio = registry.get().mean() / base.get().mean();
      String floor = chain.map(row -> String.format(Locale.ROOT, " (its grid writes alone, chained the same way,"
          + " not judged: %s = %.1fx)", Table.time(row.mean()), row.mean() / base.get().mean())).orElse("");
      verdicts.add(Verdict.of(ratio <= Targets.WRITE_MEAN_RATIO, meanTarget, String.format(Locale.ROOT,
          "%s vs %s = %.1fx%s", Table.time(registry.get().mean()), Table.time(base.get().mean()), ratio, floor)));
    }
    verdicts.add(registry.map(row -> Verdict.of(row.p99() <= Targets.WRITE_P99_NANOS, p99Target,
        String.format(Locale.ROOT, "p99 %s (setAsync p99 %s%s)", Table.time(row.p99()),
            base.map(each -> Table.time(each.p99())).orElse("-"),
            chain.map(each -> "; its grid writes alone p99 " + Table.time(each.p99())).orElse(""))))
        .orElseGet(() -> Verdict.skip(p99Target)));
  }

  /** The row measured as {@code row} but of the subject {@code impl}. */
  private Optional<Row> sibling(Optional<Row> row, String impl) {
    return row.flatMap(each -> rows.stream().filter(other -> impl.equals(other.impl())
        && each.sameExceptImpl(other, false)).findFirst());
  }

  private void firstListPage() {
    String target = String.format(Locale.ROOT, "first list page of 100 at 5,000 models: p50 and p99 <= %.0fx the"
        + " sorted-map baseline's", Targets.LIST_RATIO);
    Optional<Row> registry = rows.stream().filter(row -> row.className().equals("ListModelsBenchmark")
        && "sample".equals(row.mode()) && "REGISTRY".equals(row.impl()) && "FIRST".equals(row.param("page"))
        && "5000".equals(row.param("models"))).findFirst();
    Optional<Row> base = sibling(registry, "SKIP_LIST");
    if (registry.isEmpty() || base.isEmpty()) {
      verdicts.add(Verdict.skip(target));
      return;
    }
    double p50 = registry.get().p50() / base.get().p50();
    double p99 = registry.get().p99() / base.get().p99();
    verdicts.add(Verdict.of(p50 <= Targets.LIST_RATIO && p99 <= Targets.LIST_RATIO, target, String.format(Locale.ROOT,
        "p50 %s vs %s = %.1fx, p99 %s vs %s = %.1fx", Table.time(registry.get().p50()), Table.time(base.get().p50()),
        p50, Table.time(registry.get().p99()), Table.time(base.get().p99()), p99)));
  }
}
