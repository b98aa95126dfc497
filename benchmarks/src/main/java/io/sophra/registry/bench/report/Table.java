package io.sophra.registry.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The printed table: one line per measured subject, with its ratio to its baseline. */
public final class Table {

  private static final List<String> SUITE = List.of("GetModelBenchmark", "RemoteGetBenchmark", "HttpGetBenchmark",
      "WriteBenchmark", "ListModelsBenchmark", "AliasResolveBenchmark", "HttpResolveBenchmark", "MetricAppendBenchmark",
      "LoadRun");
  private static final String FORMAT = "%-34s %-20s %-34s %10s %10s %10s %10s %9s %9s  %s%n";

  private Table() {
  }

  public static String render(List<Row> rows, Baselines baselines) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, FORMAT, "benchmark", "impl", "params", "p50", "p99", "p99.9", "mean",
        "x base", "x base", ""));
    out.append(String.format(Locale.ROOT, FORMAT, "", "", "", "", "", "", "", "(mean)", "(p99)", "notes"));
    out.append("-".repeat(174)).append('\n');
    for (Row row : ordered(rows)) {
      Optional<Row> base = baselines.of(row);
      String meanRatio = baselines.isBaseline(row) ? "baseline" : base.map(b -> ratio(row.mean(), b.mean())).orElse("-");
      String p99Ratio = baselines.isBaseline(row) ? "" : base.map(b -> ratio(row.p99(), b.p99())).orElse("-");
      String name = row.shortName() + ("avgt".equals(row.mode()) ? " (avgt)" : "");
      out.append(String.format(Locale.ROOT, FORMAT, name, row.impl(), row.otherParams(), time(row.p50()),
          time(row.p99()), time(row.p999()), time(row.mean()), meanRatio, p99Ratio, row.note()));
    }
    return out.toString();
  }

  /** Rows in the suite's order, then by method, mode and parameters, each baseline first in its group. */
  public static List<Row> ordered(List<Row> rows) {
    Baselines baselines = new Baselines(rows);
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing((Row row) -> suitePosition(row)).thenComparing(Row::benchmark)
        .thenComparing(Row::mode, Comparator.reverseOrder())
        .thenComparing(Table::sortableParams)
        .thenComparing(row -> !baselines.isBaseline(row))
        .thenComparing(Row::impl));
    return sorted;
  }

  private static int suitePosition(Row row) {
    int position = SUITE.indexOf(row.className());
    return position < 0 ? SUITE.size() : position;
  }

  /** The parameters other than impl, numbers padded so that they sort by value. */
  private static String sortableParams(Row row) {
    StringBuilder key = new StringBuilder();
    row.params().forEach((name, value) -> {
      if (!name.equals("impl")) {
        key.append(name).append('=').append(value.matches("\\d+") ? String.format("%012d", Long.parseLong(value)) : value)
            .append(' ');
      }
    });
    return key.toString();
  }

  static String ratio(double value, double base) {
    if (Double.isNaN(value) || Double.isNaN(base) || base <= 0) {
      return "-";
    }
    double ratio = value / base;
    return ratio >= 100 ? String.format(Locale.ROOT, "%.0fx", ratio) : String.format(Locale.ROOT, "%.2fx", ratio);
  }

  /** A duration in nanoseconds, in the unit that reads best. */
  public static String time(double nanos) {
    if (Double.isNaN(nanos)) {
      return "-";
    }
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.0f ns", nanos);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}
