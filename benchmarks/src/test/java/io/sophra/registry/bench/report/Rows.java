package io.sophra.registry.bench.report;

import java.util.HashMap;
import java.util.Map;

/** Rows as the readers make them, built by hand for the verdict's tests (figures in nanoseconds). */
final class Rows {

  private static final String PACKAGE = "io.sophra.registry.bench.";

  private Rows() {
  }

  /** A JMH SampleTime row of {@code benchmark} (class.method) with p50, p99 and mean. */
  static Row sample(String benchmark, String impl, double p50, double p99, double mean, String... params) {
    return new Row(PACKAGE + benchmark, "sample", params(impl, params), mean, p50, p99, p99, p99, Double.NaN, 0,
        Double.NaN, "");
  }

  /** A JMH SampleTime row profiled with -prof gc: {@code allocBytes} per operation in the fork. */
  static Row allocating(String benchmark, String impl, double allocBytes, String... params) {
    return new Row(PACKAGE + benchmark, "sample", params(impl, params), 1, 1, 1, 1, 1, Double.NaN, 0, allocBytes, "");
  }

  /** A JMH AverageTime row: a mean only. */
  static Row avgt(String benchmark, String impl, double mean, String... params) {
    return new Row(PACKAGE + benchmark, "avgt", params(impl, params), mean, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, 0, Double.NaN, "");
  }

  static Row fixedRate(int rate, double achieved, long errors, double p99) {
    return new Row(LoadRows.FIXED_RATE, "load", params("REGISTRY", "connections=32", "rate=" + rate), p99 / 2,
        p99 / 2, p99, p99, p99, achieved, errors, Double.NaN, "");
  }

  static Row sweepStep(int rate, double achieved, long errors, double p99) {
    return new Row(LoadRows.SWEEP, "load", params("REGISTRY", "connections=32", "rate=" + rate), p99 / 2,
        p99 / 2, p99, p99, p99, achieved, errors, Double.NaN, "");
  }

  static Row saturation(String impl, double rate, double p99, long errors, double cpuMicros) {
    return new Row(LoadRows.SATURATION, "load", params(impl, "connections=32"), p99 / 3, p99 / 3, p99, p99, p99, rate,
        errors, Double.NaN, "", cpuMicros);
  }

  static Row saturation(String impl, double rate, double p99, long errors) {
    return new Row(LoadRows.SATURATION, "load", params(impl, "connections=32"), p99 / 3, p99 / 3, p99, p99, p99, rate,
        errors, Double.NaN, "");
  }

  private static Map<String, String> params(String impl, String... params) {
    Map<String, String> map = new HashMap<>();
    map.put("impl", impl);
    for (String param : params) {
      String[] pair = param.split("=", 2);
      map.put(pair[0], pair[1]);
    }
    return map;
  }
}
