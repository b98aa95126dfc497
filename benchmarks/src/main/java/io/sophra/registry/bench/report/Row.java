package io.sophra.registry.bench.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One measured subject: a benchmark (class and method, or a load run), its mode, its parameters and
 * its latency figures in nanoseconds.
 *
 * @param mode JMH's mode ({@code sample}, {@code avgt}) or {@code load}
 * @param rate requests answered per second (load runs; NaN for JMH rows)
 * @param errors requests of a load run answered with anything but a 200, failed, or never answered
 *     (0 for JMH rows, whose trials fail instead)
 * @param allocBytes bytes allocated per operation in the whole JMH fork (JMH's {@code -prof gc},
 *     {@code gc.alloc.rate.norm}); NaN when not profiled
 * @param note extra facts shown in the table (rates, errors, rounds, allocation)
 * @param cpuMicros the server process's CPU time per request, microseconds (saturation rows; NaN
 *     otherwise)
 */
public record Row(String benchmark, String mode, Map<String, String> params, double mean, double p50,
    double p99, double p999, double max, double rate, long errors, double allocBytes, String note, double cpuMicros) {

  public Row {
    params = new TreeMap<>(params);
  }

  /** A row without a CPU figure. */
  public Row(String benchmark, String mode, Map<String, String> params, double mean, double p50, double p99,
      double p999, double max, double rate, long errors, double allocBytes, String note) {
    this(benchmark, mode, params, mean, p50, p99, p999, max, rate, errors, allocBytes, note, Double.NaN);
  }

  public String impl() {
    return params.getOrDefault("impl", "");
  }

  public String param(String name) {
    return params.get(name);
  }

  /** The parameters other than impl, for the table. */
  public String otherParams() {
    return params.entrySet().stream().filter(entry -> !entry.getKey().equals("impl"))
        .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(" "));
  }

  /** Class and method without the package, e.g. {@code GetModelBenchmark.getModel}. */
  public String shortName() {
    String[] parts = benchmark.split("\\.");
    return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
  }

  /** The benchmark class's simple name. */
  public String className() {
    String[] parts = benchmark.split("\\.");
    return parts.length >= 2 ? parts[parts.length - 2] : benchmark;
  }

  /** Same benchmark, mode and parameters, except {@code impl}. */
  public boolean sameExceptImpl(Row other, boolean ignoreModels) {
    if (!benchmark.equals(other.benchmark) || !mode.equals(other.mode)) {
      return false;
    }
    Map<String, String> mine = new TreeMap<>(params);
    Map<String, String> theirs = new TreeMap<>(other.params);
    mine.remove("impl");
    theirs.remove("impl");
    if (ignoreModels) {
      mine.remove("models");
      theirs.remove("models");
    }
    return mine.equals(theirs);
  }
}
