package io.sophra.registry.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which row is each row's baseline: the same benchmark, mode and parameters with {@code impl} set to
 * the benchmark's plain subject (a ConcurrentHashMap, the bare Vert.x server, Hazelcast's own call).
 */
public final class Baselines {

  private static final Map<String, String> BASELINE_IMPL = Map.of(
      "GetModelBenchmark", "CONCURRENT_HASH_MAP",
      "RemoteGetBenchmark", "IMAP_GET_ASYNC",
      "HttpGetBenchmark", "BARE_VERTX",
      "WriteBenchmark", "IMAP_SET_ASYNC",
      "ListModelsBenchmark", "SKIP_LIST",
      "AliasResolveBenchmark", "GET_MODEL",
      "HttpResolveBenchmark", "GET_MODEL",
      "MetricAppendBenchmark", "IMAP_SET_ASYNC",
      "ChangeAppendBenchmark", "IMAP_SET_ASYNC",
      "LoadRun", "BARE_VERTX");

  private final List<Row> rows;

  public Baselines(List<Row> rows) {
    this.rows = rows;
  }

  public boolean isBaseline(Row row) {
    return row.impl().equals(BASELINE_IMPL.get(row.className()));
  }

  /** The baseline of {@code row}, preferring the same model count; empty for a baseline itself. */
  public Optional<Row> of(Row row) {
    String impl = BASELINE_IMPL.get(row.className());
    if (impl == null || isBaseline(row)) {
      return Optional.empty();
    }
    Optional<Row> exact = rows.stream().filter(other -> other.impl().equals(impl) && row.sameExceptImpl(other, false))
        .findFirst();
    return exact.isPresent() ? exact
        : rows.stream().filter(other -> other.impl().equals(impl) && row.sameExceptImpl(other, true)).findFirst();
  }
}
