package io.sophra.registry.events;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the event bus's at-most-once, per-sender-ordered delivery into every change exactly once, in
 * sequence order: events are passed on strictly by {@code sequence}, each once. An event that comes
 * early (its predecessor not heard yet) waits; if the missing ones have not come within the reorder
 * window (events from different nodes may simply overtake each other), they are read from the change
 * log through {@link EventAddresses#CHANGES_READ} before anything after them is passed on. Started with
 * a sequence, it first reads everything after it from the log. Not thread-safe: everything runs on the
 * subscriber's one context.
 *
 * <p>Memory is bounded: at most {@value #MAX_WAITING} early events wait; past that the newest are
 * dropped (they are read from the log in their turn).
 */
final class FeedFollower {

  /** One change as the event bus or the log carried it. */
  record Heard(ChangeRecord.Kind kind, long sequence, JsonObject payload) {
  }

  /** The changes after {@code after} are gone from the log; {@code current} is where to resume once the state was read again. */
  record Lost(long after, long current) {
  }

  static final int MAX_WAITING = 10_000;
  private static final long RETRY_MILLIS = 1000;
  private static final long REQUEST_TIMEOUT_MILLIS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(FeedFollower.class);

  private final Vertx vertx;
  private final long reorderMillis;
  private final Consumer<Heard> onChange;
  private final Consumer<Lost> onLost;
  private final TreeMap<Long, Heard> waiting = new TreeMap<>();
  private long next;
  private boolean reading;
  private long gapTimer = -1;
  private long duplicates;
  private long readFromLog;
  private boolean closed;

  /** @param after the last sequence already handled (0: from the first change), or -1 to start with the first event heard */
  FeedFollower(Vertx vertx, long after, long reorderMillis, Consumer<Heard> onChange, Consumer<Lost> onLost) {
    this.vertx = vertx;
    this.next = after < 0 ? 0 : after + 1;
    this.reorderMillis = reorderMillis;
    this.onChange = onChange;
    this.onLost = onLost;
  }

  /** With a starting sequence, reads what the log holds after it right away. */
  void start() {
    if (next > 0) {
      readFromLog();
    }
  }

  void close() {
    closed = true;
    if (gapTimer != -1) {
      vertx.cancelTimer(gapTimer);
    }
  }

  /** The sequence of the last change passed on (or the starting one), 0 before any. */
  long lastSequence() {
    return Math.max(0, next - 1);
  }

  long duplicates() {
    return duplicates;
  }

  /** Changes read from the log instead of heard on the event bus. */
  long changesReadFromLog() {
    return readFromLog;
  }

  /** An event heard on the event bus. */
  void heard(Heard event) {
    if (closed) {
      return;
    }
    if (next == 0) {
      next = event.sequence();
    }
    if (event.sequence() < next || waiting.containsKey(event.sequence())) {
      duplicates++;
      return;
    }
    waiting.put(event.sequence(), event);
    if (waiting.size() > MAX_WAITING) {
      waiting.pollLastEntry();
    }
    passOn();
  }

  private void passOn() {
    while (!waiting.isEmpty() && waiting.firstKey() == next) {
      deliver(waiting.pollFirstEntry().getValue());
    }
    if (!waiting.isEmpty() && !reading && gapTimer == -1) {
      gapTimer = vertx.setTimer(reorderMillis, fired -> {
        gapTimer = -1;
        if (!closed && !reading && !waiting.isEmpty() && waiting.firstKey() > next) {
          readFromLog();
        }
      });
    }
  }

  private void deliver(Heard event) {
    next = event.sequence() + 1;
    onChange.accept(event);
  }

  /** Reads from the log after {@code next - 1} until the gap before the first waiting event is filled. */
  private void readFromLog() {
    reading = true;
    JsonObject request = new JsonObject().put("after", next - 1).put("max", ChangeReads.DEFAULT_MAX);
    vertx.eventBus().<JsonObject>request(EventAddresses.CHANGES_READ, request,
        new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS)).onComplete(reply -> {
          if (closed) {
            return;
          }
          if (reply.failed()) {
            LOG.warn("Reading missed changes from the change log failed ({}); trying again in {} ms",
                reply.cause().getMessage(), RETRY_MILLIS);
            vertx.setTimer(RETRY_MILLIS, retry -> readFromLog());
            return;
          }
          read(reply.result().body());
        });
  }

  private void read(JsonObject body) {
    if (body.getBoolean("gone", false)) {
      long current = body.getLong("current");
      onLost.accept(new Lost(next - 1, current));
      next = Math.max(next, current + 1);
    } else {
      JsonArray events = body.getJsonArray("events");
      for (int i = 0; i < events.size(); i++) {
        JsonObject item = events.getJsonObject(i);
        JsonObject payload = item.getJsonObject("event");
        long sequence = payload.getLong(ModelEvent.SEQUENCE);
        if (sequence >= next) {
          readFromLog++;
          deliver(new Heard(ChangeRecord.Kind.fromWire(item.getString("kind")), sequence, payload));
        }
      }
      if (events.size() == ChangeReads.DEFAULT_MAX) {
        readFromLog();
        return;
      }
    }
    waiting.headMap(next).clear();
    reading = false;
    passOn();
  }

  /** The waiting events, for tests. */
  Map<Long, Heard> waiting() {
    return waiting;
  }
}
