package io.sophra.registry.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failed Redis writes without flooding the log in an outage: the first failure of each kind
 * (see {@link RedisFailure#kind}) is one WARN line with Redis's own words; repeats of that kind are
 * only counted; once a write succeeds again, one INFO line says how many failed. So each outage, and
 * each new cause within it, is logged once, however many requests it refuses.
 */
final class RedisFailureLog {

  private static final Logger LOG = LoggerFactory.getLogger(RedisModelStore.class);

  private final String where;
  private final Map<String, LongAdder> open = new ConcurrentHashMap<>();

  /** @param where the endpoint's description, without credentials */
  RedisFailureLog(String where) {
    this.where = where;
  }

  void failed(RedisFailure failure, String what) {
    LongAdder count = new LongAdder();
    LongAdder known = open.putIfAbsent(failure.kind(), count);
    (known == null ? count : known).increment();
    if (known == null) {
      LOG.warn("Redis at {} did not take the write of {} ({}): {}; further failures of this kind are counted,"
          + " not logged, until a write succeeds", where, what, failure.kind(), failure.detail());
    }
  }

  void succeeded() {
    if (open.isEmpty()) {
      return;
    }
    for (String kind : open.keySet()) {
      LongAdder count = open.remove(kind);
      if (count != null) {
        LOG.info("Redis at {} takes writes again, after {} failed with {}", where, count.sum(), kind);
      }
    }
  }
}
