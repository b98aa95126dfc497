package io.sophra.registry.grid;

import com.hazelcast.map.IMap;
import io.sophra.registry.failure.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The locks that keep aliases and the models they route to consistent: Hazelcast's IMap locks on keys
 * of the map {@code alias-locks} (which holds no data), one per alias ({@code alias/<name>}) and one
 * per model ({@code model/<id>}).
 *
 * <p>Design note: why locks. An alias must only ever route to models that are {@code ready} or in
 * {@code error}. That rule spans two entries (the alias, the model), and Hazelcast has no cross-entry
 * transaction on the async path. So every write that could break it takes the locks of what it reads:
 * an alias write takes its alias's lock and the locks of the models it will route to, then reads those
 * models at their owners (not from a Near Cache) and writes; a model's move to {@code training} or
 * {@code initializing}, or its deletion, takes that model's lock, asks which aliases route to it (an
 * indexed query), and writes only if none does. Whichever takes a model's lock first wins, and the
 * other sees its result: there is no window in which both succeed. Moves to {@code ready} or
 * {@code error} and every other model write take no lock.
 *
 * <p>Keys are always taken in one order (sorted; {@code alias/...} before {@code model/...}), so two
 * writers never wait for each other in a circle. A lock belongs to the thread that took it (Hazelcast
 * locks are owned by member and thread), so a locked write runs whole on one worker thread, and each
 * lock has a lease: a worker that dies or stalls past it loses the lock. Correctness therefore assumes
 * no locked write outlives its lease (the request deadline plus 30 s); a member that dies releases its
 * locks at once.
 */
final class AliasLocks {

  static final String MAP_NAME = "alias-locks";
  private static final Logger LOG = LoggerFactory.getLogger(AliasLocks.class);

  private final IMap<String, Boolean> locks;
  private final long leaseMillis;

  AliasLocks(IMap<String, Boolean> locks, long leaseMillis) {
    this.locks = locks;
    this.leaseMillis = leaseMillis;
  }

  static String aliasKey(String name) {
    return "alias/" + name;
  }

  static String modelKey(String id) {
    return "model/" + id;
  }

  /**
   * Takes every lock of {@code keys} in sorted order, waiting for each at most until the deadline;
   * answers the keys taken, which the same thread must give back with {@link #unlockAll}. Blocking:
   * worker threads only. Fails with Unavailable (and holds nothing) when a lock stays taken past the
   * deadline.
   */
  List<String> lockAll(Iterable<String> keys, GridCalls.Deadline deadline) throws InterruptedException {
    List<String> taken = new ArrayList<>();
    for (String key : new TreeSet<String>(toList(keys))) {
      long wait = deadline.remainingMillis();
      if (wait <= 0 || !locks.tryLock(key, wait, TimeUnit.MILLISECONDS, leaseMillis, TimeUnit.MILLISECONDS)) {
        unlockAll(taken);
        throw new RegistryException.Unavailable("another change of the same alias or model held its lock past the"
            + " request deadline; nothing was changed, retry", null);
      }
      taken.add(key);
    }
    return taken;
  }

  /** Gives back locks this thread took; a lock whose lease ran out is logged, not thrown. */
  void unlockAll(List<String> taken) {
    for (String key : taken) {
      try {
        locks.unlock(key);
      } catch (IllegalMonitorStateException e) {
        LOG.warn("The lock of {} was lost before it was given back (its lease of {} ms ran out)", key, leaseMillis);
      } catch (RuntimeException e) {
        LOG.warn("Giving back the lock of {} failed ({}); its lease releases it", key, e.toString());
      }
    }
  }

  private static List<String> toList(Iterable<String> keys) {
    List<String> list = new ArrayList<>();
    keys.forEach(list::add);
    return list;
  }
}
