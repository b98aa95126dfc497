package io.sophra.registry.events;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of the change log's end on a node, while anyone on the node follows it: it waits
 * for the next changes ({@link ChangeLog#awaitAfter}, one parked read at the log's owner whatever
 * the number of followers) and hands each batch to every listener, so the node's live feed streams
 * share one read instead of one each. With no listener it stops reading (a parked read wakes up at
 * every append, which a node that nobody follows need not pay for) and starts again, from the
 * joining listener's position, when one comes.
 *
 * <p>Batches are contiguous and in sequence order, each starting right after the previous one, unless
 * this reader fell behind the log's retention (the batch starts later: listeners see the jump and read
 * the missing range themselves, which fails if it is gone) or the log restarted (every copy of it
 * lost: listeners hear {@link Listener#onRestart()}).
 */
public final class ChangeTail {

  /** Hears the changes this node's tail reads; called on the tail's context, so hop to your own. */
  public interface Listener {

    /** The next changes of the log, oldest first, never empty. */
    void onChanges(List<FeedEvent> events);

    /** The log started again from 1 (every copy of it was lost): sequences heard so far mean nothing now. */
    void onRestart();
  }

  static final int BATCH = 1000;
  private static final long RETRY_MILLIS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(ChangeTail.class);

  private final Vertx vertx;
  private final ChangeLog log;
  private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
  private volatile long last;
  private boolean reading;
  private volatile boolean stopped;

  public ChangeTail(Vertx vertx, ChangeLog log) {
    this.vertx = vertx;
    this.log = log;
  }

  /**
   * Hands {@code listener} every batch read from now on; if the tail was not reading, it starts after
   * {@code after} (the listener's own last sequence).
   */
  public void follow(Listener listener, long after) {
    boolean start;
    synchronized (this) {
      listeners.add(listener);
      start = !reading && !stopped;
      if (start) {
        reading = true;
        last = after;
      }
    }
    if (start) {
      vertx.runOnContext(begin -> readNext());
    }
  }

  public void unfollow(Listener listener) {
    listeners.remove(listener);
  }

  /** The newest sequence this tail has read (stale while nobody follows). */
  public long lastSequence() {
    return last;
  }

  /** Stops reading (the node is stopping); the pending read ends with the grid. */
  public void stop() {
    stopped = true;
  }

  private void readNext() {
    synchronized (this) {
      if (stopped || listeners.isEmpty()) {
        reading = false;
        return;
      }
    }
    log.awaitAfter(last, BATCH).onComplete(read -> {
      if (read.succeeded()) {
        deliver(read.result());
        readNext();
      } else if (!stopped) {
        LOG.warn("Reading the change log's end failed ({}); trying again in {} ms", read.cause().toString(), RETRY_MILLIS);
        vertx.setTimer(RETRY_MILLIS, retry -> readNext());
      }
    });
  }

  private void deliver(List<FeedEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    long first = events.get(0).sequence();
    if (first <= last) {
      LOG.warn("The change log starts again at sequence {} (this node had read up to {}): every copy of it was lost",
          first, last);
      listeners.forEach(Listener::onRestart);
    } else if (first > last + 1) {
      LOG.warn("This node's change log reader fell behind the retention: changes {} to {} were dropped before it read"
          + " them", last + 1, first - 1);
    }
    last = events.get(events.size() - 1).sequence();
    listeners.forEach(listener -> listener.onChanges(events));
  }
}
