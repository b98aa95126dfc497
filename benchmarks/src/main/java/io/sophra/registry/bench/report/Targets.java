package io.sophra.registry.bench.report;

/**
 * The targets the verdict judges: the seed's absolute promise, and issue 10's ratios, each against a
 * baseline measured in the same run. One home for every limit; {@link Verdicts} and its helpers apply them.
 */
final class Targets {

  /** The seed's promise: lookups under 5 ms (p99), in process, over HTTP and under load. */
  static final double PROMISE_NANOS = 5_000_000;
  /** A fixed-rate step must answer at least this share of the rate it was asked for. */
  static final double ACHIEVED_RATE_SHARE = 0.99;
  /** HTTP GET throughput at 32 connections: at least this share of the bare Vert.x server's ... */
  static final double BARE_THROUGHPUT_SHARE = 0.90;
  /** ... and at least this many times Redis GET of 1 KB values, same client, same run. */
  static final double REDIS_THROUGHPUT_SHARE = 0.60;
  /** Bytes a registry HTTP GET allocates beyond the bare server's GET (JMH -prof gc, same client, same fork layout). */
  static final double HTTP_ALLOCATION_BYTES = 2048;
  /** HTTP GET p99 at 32 connections: at most this many times the bare server's p99. */
  static final double HTTP_P99_RATIO = 1.3;
  /** In-process getModel mean (AverageTime) at most this many times ConcurrentHashMap.get's. */
  static final double GET_MEAN_RATIO = 20;
  /** Flatness, 1,000 to 100,000 models: the registry's p50 growth at most this many times the map's. */
  static final double FLATNESS_RATIO = 1.2;
  /** Heap per stored model (one member, Near Cache filled) at most this many times its JSON size. */
  static final double HEAP_JSON_RATIO = 2.5;
  /** registerModel and updateModel mean at most this many times one replicated setAsync's ... */
  static final double WRITE_MEAN_RATIO = 4;
  /** ... and their p99 at most this. */
  static final double WRITE_P99_NANOS = 2_000_000;
  /** The first list page of 100 at 5,000 models: p50 and p99 at most this many times the sorted map's. */
  static final double LIST_RATIO = 10;
  /** Issue 12: an alias resolution's p99 at most this many times a GET's p99, in process and over HTTP. */
  static final double RESOLVE_P99_RATIO = 1.2;

  private Targets() {
  }
}
