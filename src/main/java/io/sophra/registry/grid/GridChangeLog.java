package io.sophra.registry.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import io.sophra.registry.events.ChangeLog;
import io.sophra.registry.events.ChangeRecord;
import io.sophra.registry.events.FeedEvent;
import io.sophra.registry.failure.SequenceGoneException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The change log in the grid: the Hazelcast Ringbuffer {@value #RING_NAME} (configured in
 * {@link ChangeLogGridConfig}), whose own sequence numbers the changes. A change's sequence in the feed
 * is its Ringbuffer sequence + 1, so the first change ever is 1 and {@code after=0} means "from the
 * first".
 *
 * <p>Design note. A Ringbuffer lives in one partition: one member takes every append (and a backup
 * member every synchronous backup copy), which is what gives one total order without a separate
 * counter, and {@code readManyAsync} reads a range or waits for the next entries. An append is
 * {@code addAsync} with {@link OverflowPolicy#OVERWRITE}: the oldest entry goes when the ring is full.
 * Reads never fail for a sequence outside the ring: Hazelcast 5.3 moves such a read to the nearest
 * end. So {@link #readAfter} reads from the reader's own last sequence and checks the first sequence it
 * gets: if it is the reader's last or the one right after it, nothing is missing; anything later means
 * the changes in between fell out of retention, and nothing at all means the log does not reach the
 * reader's sequence. Both are {@link SequenceGoneException}. If every copy of the ring's partition is
 * lost (more members at once than the backup count), the ring starts again at 1; readers holding a
 * higher sequence then get 410 until the log grows past it.
 */
public final class GridChangeLog implements ChangeLog {

  public static final String RING_NAME = "changes";
  /** The most a Ringbuffer read returns at once. */
  static final int MAX_READ = 1000;

  private final Ringbuffer<ChangeRecord> ring;
  private final GridCalls calls;
  private final int maxRead;

  private GridChangeLog(Ringbuffer<ChangeRecord> ring, GridCalls calls) {
    this.ring = ring;
    this.calls = calls;
    this.maxRead = (int) Math.min(MAX_READ, ring.capacity());
  }

  /** Opens the ring; blocks while its proxy is made and its schema published (call it on a worker). */
  public static GridChangeLog create(Vertx vertx, HazelcastInstance hazelcast, Duration deadline) {
    Ringbuffer<ChangeRecord> ring = hazelcast.getRingbuffer(RING_NAME);
    GridSerialization.publishSchema(hazelcast, new ChangeRecord(ChangeRecord.Kind.MODEL, "registered", "schema", "{}"));
    return new GridChangeLog(ring, new GridCalls(vertx, deadline));
  }

  @Override
  public Future<Long> append(ChangeRecord record) {
    return calls.async(() -> ring.addAsync(record, OverflowPolicy.OVERWRITE)).map(sequence -> sequence + 1);
  }

  @Override
  public Future<List<FeedEvent>> readAfter(long after, int max) {
    checkRange(after, max);
    boolean probing = after > 0;
    int count = Math.min(max + (probing ? 1 : 0), maxRead);
    long from = probing ? after - 1 : 0;
    return calls.async(() -> ring.readManyAsync(from, 0, count, null))
        .compose(read -> continuous(after, read) ? Future.succeededFuture(events(read, after, max)) : gone(after));
  }

  @Override
  public Future<List<FeedEvent>> awaitAfter(long after, int max) {
    checkRange(after, max);
    return calls.start(() -> ring.readManyAsync(after, 1, Math.min(max, maxRead), null))
        .map(read -> events(read, 0, max));
  }

  @Override
  public Future<Long> lastSequence() {
    return calls.blocking(() -> ring.tailSequence() + 1);
  }

  /** Whether {@code read} (from the reader's own last entry) starts at that entry or right after it. */
  private static boolean continuous(long after, ReadResultSet<ChangeRecord> read) {
    if (read.size() == 0) {
      return after == 0;
    }
    long first = read.getSequence(0) + 1;
    return first <= after + 1;
  }

  /** The entries of {@code read} after sequence {@code after}, at most {@code max}, numbered as the feed numbers them. */
  private static List<FeedEvent> events(ReadResultSet<ChangeRecord> read, long after, int max) {
    List<FeedEvent> events = new ArrayList<>(read.size());
    for (int i = 0; i < read.size() && events.size() < max; i++) {
      long sequence = read.getSequence(i) + 1;
      if (sequence > after) {
        events.add(new FeedEvent(sequence, read.get(i)));
      }
    }
    return events;
  }

  private <T> Future<T> gone(long after) {
    return lastSequence().compose(current -> Future.failedFuture(new SequenceGoneException(after, current)));
  }

  private static void checkRange(long after, int max) {
    if (after < 0 || max < 1 || max > MAX_READ) {
      throw new IllegalArgumentException("read after " + after + ", at most " + max + ": after must be >= 0, max 1 to "
          + MAX_READ);
    }
  }
}
