package io.sophra.registry.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last revision seen per ({@code id}, {@code uid}), bounded: past {@code capacity} models the
 * least recently heard of is forgotten (an event of a forgotten model counts as the first one seen).
 * Not thread-safe: a subscriber uses it from its one context.
 */
final class RevisionTracker {

  /** How an event's revision relates to what was seen before for its model. */
  enum Verdict {
    /** The first event seen for this (id, uid). */
    FIRST,
    /** Exactly one past the last seen revision. */
    NEXT,
    /** More than one past the last seen revision: events were missed in between. */
    GAP,
    /** At or below the last seen revision: a duplicate or an event overtaken by a later one. */
    STALE
  }

  record Observation(Verdict verdict, long lastSeen) {
  }

  private record Key(String id, String uid) {
  }

  private final Map<Key, Long> lastSeen;

  RevisionTracker(int capacity) {
    this.lastSeen = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Records {@code revision} unless it is stale, and says how it relates to the last one seen. */
  Observation observe(String id, String uid, long revision) {
    Key key = new Key(id, uid);
    Long previous = lastSeen.get(key);
    if (previous == null) {
      lastSeen.put(key, revision);
      return new Observation(Verdict.FIRST, 0);
    }
    if (revision <= previous) {
      return new Observation(Verdict.STALE, previous);
    }
    lastSeen.put(key, revision);
    return new Observation(revision == previous + 1 ? Verdict.NEXT : Verdict.GAP, previous);
  }
}
