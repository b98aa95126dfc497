package io.sophra.registry.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sophra.registry.config.FeedSettings;
import io.sophra.registry.events.ChangeLog;
import io.sophra.registry.events.ChangeTail;
import io.sophra.registry.events.FeedEvent;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The change feed of one node ({@code GET /v1/events}), shared by its API verticles: while any
 * stream is live, the one listener of the node's {@link ChangeTail}, which encodes each new batch once
 * ({@link FeedFrame}) and hands it to every live stream on that stream's own event loop. A stream that is behind (starting from an
 * older sequence, or fallen behind) reads its own range from the {@link ChangeLog} in batches, and
 * joins the live ones once it reached the end ({@link EventStream}).
 *
 * <p>Meters: {@code registry_feed_streams} (open streams on this node) and
 * {@code registry_feed_streams_closed_total{reason}}: {@code backlog} (the client did not read and
 * its stream reached {@code MODEL_REGISTRY_FEED_MAX_BACKLOG}), {@code gone} (it fell out of the
 * retention while catching up), {@code restart} (the log started again), {@code error} (the log could
 * not be read), {@code client} (the client went away).
 */
public final class FeedStreams implements ChangeTail.Listener {

  /** Why the server ended a stream. */
  enum Closed { BACKLOG, GONE, RESTART, ERROR, CLIENT }

  public static final String OPEN_METRIC = "registry.feed.streams";
  public static final String CLOSED_METRIC = "registry.feed.streams.closed";

  private final ChangeLog log;
  private final ChangeTail tail;
  private final FeedSettings settings;
  private final Set<EventStream> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final Map<Closed, Counter> closed = new ConcurrentHashMap<>();

  public FeedStreams(ChangeLog log, ChangeTail tail, FeedSettings settings, MeterRegistry meters) {
    this.log = log;
    this.tail = tail;
    this.settings = settings;
    Gauge.builder(OPEN_METRIC, open, AtomicInteger::get).description("Open GET /v1/events streams on this node")
        .register(meters);
    for (Closed reason : Closed.values()) {
      closed.put(reason, Counter.builder(CLOSED_METRIC).tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .description("GET /v1/events streams ended, by reason").register(meters));
    }
  }

  /** The handler of {@code GET /v1/events}. */
  void streamChanges(RoutingContext ctx) {
    new EventStream(ctx, this, FeedParameters.of(ctx)).start();
  }

  @Override
  public void onChanges(List<FeedEvent> events) {
    if (live.isEmpty()) {
      return;
    }
    List<FeedFrame> frames = events.stream().map(FeedFrame::of).toList();
    live.forEach(stream -> stream.live(frames));
  }

  @Override
  public void onRestart() {
    live.forEach(EventStream::restart);
  }

  ChangeLog log() {
    return log;
  }

  ChangeTail tail() {
    return tail;
  }

  FeedSettings settings() {
    return settings;
  }

  /** {@code stream} is live after {@code after}: it gets the tail's batches from now on (the tail starts if idle). */
  synchronized void join(EventStream stream, long after) {
    live.add(stream);
    tail.follow(this, after);
  }

  /** {@code stream} is no longer live; with no live stream left, the node stops reading the log's end. */
  synchronized void leave(EventStream stream) {
    if (live.remove(stream) && live.isEmpty()) {
      tail.unfollow(this);
    }
  }

  void opened() {
    open.incrementAndGet();
  }

  void closed(Closed reason) {
    open.decrementAndGet();
    closed.get(reason).increment();
  }
}
