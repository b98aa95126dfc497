package io.sophra.registry.http;

import io.sophra.registry.events.FeedEvent;
import io.sophra.registry.failure.SequenceGoneException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * One {@code GET /v1/events} stream, all on its connection's event loop.
 *
 * <p>Design note. A stream is either catching up or live. Catching up, it reads its own range from the
 * change log, {@value #BATCH} changes at a time after the last one it handled, and reads the next batch
 * only once the client has taken the previous one (the response's write queue drained), so a slow
 * reader costs no memory beyond its backlog. A batch shorter than {@value #BATCH} means it reached the
 * log's end: it joins the node's live streams, which the node's one tail reader feeds
 * ({@link FeedStreams}). Every batch it is handed must start right after the last change it handled;
 * one that starts later (it joined while the tail was ahead of it, or the tail jumped) sends it back to
 * catching up for the range in between, and changes it handled already are skipped. So every change
 * after the starting sequence is written once, in sequence order, whichever way it came.
 *
 * <p>Live, the stream cannot wait for a client that does not read: once its write queue holds more
 * than {@code MODEL_REGISTRY_FEED_MAX_BACKLOG} bytes, the connection is closed (the client resumes
 * with {@code Last-Event-ID} and catches up at its own pace). Catching up, a full queue stops the
 * reading; if it is still full at two heartbeats in a row the connection is closed the same way.
 */
final class EventStream {

  static final int BATCH = 500;
  private static final Buffer HEARTBEAT = Buffer.buffer(": keep-alive\n\n");

  private enum Mode { STARTING, CATCHING_UP, LIVE, CLOSED }

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final FeedStreams streams;
  private final FeedParameters parameters;
  private final Vertx vertx;
  private Context context;
  private Mode mode = Mode.STARTING;
  private long lastHandled;
  private long heartbeat = -1;
  private boolean fullAtLastBeat;

  EventStream(RoutingContext ctx, FeedStreams streams, FeedParameters parameters) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.streams = streams;
    this.parameters = parameters;
    this.vertx = ctx.vertx();
  }

  /** Answers 410 (or 503) without a stream when the first read fails; otherwise starts streaming. */
  void start() {
    context = vertx.getOrCreateContext();
    if (parameters.after().isEmpty()) {
      streams.log().lastSequence().onComplete(end -> {
        if (end.failed()) {
          ctx.fail(end.cause());
          return;
        }
        lastHandled = end.result();
        open();
        goLive();
      });
      return;
    }
    lastHandled = parameters.after().getAsLong();
    streams.log().readAfter(lastHandled, BATCH).onComplete(first -> {
      if (first.failed()) {
        ctx.fail(first.cause());
        return;
      }
      open();
      mode = Mode.CATCHING_UP;
      caughtUp(first.result());
    });
  }

  /** A batch of the node's tail, on the tail's context. */
  void live(List<FeedFrame> frames) {
    context.runOnContext(hop -> {
      if (mode != Mode.LIVE) {
        return;
      }
      if (frames.get(0).sequence() > lastHandled + 1) {
        catchUp();
        return;
      }
      frames.forEach(this::write);
      if (response.writeQueueFull()) {
        close(FeedStreams.Closed.BACKLOG);
      }
    });
  }

  /** The log started again: the stream's sequences mean nothing now; the client's next attempt gets 410. */
  void restart() {
    context.runOnContext(hop -> end(FeedStreams.Closed.RESTART));
  }

  private void open() {
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no")
        .setWriteQueueMaxSize(streams.settings().maxBacklog());
    response.closeHandler(gone -> {
      if (mode != Mode.CLOSED) {
        finish(FeedStreams.Closed.CLIENT);
      }
    });
    response.exceptionHandler(ignored -> { });
    response.write(Buffer.buffer(": changes after " + lastHandled + "\n\n"));
    heartbeat = vertx.setPeriodic(streams.settings().heartbeat().toMillis(), tick -> beat());
    streams.opened();
  }

  private void catchUp() {
    mode = Mode.CATCHING_UP;
    streams.leave(this);
    readNext();
  }

  private void readNext() {
    streams.log().readAfter(lastHandled, BATCH).onComplete(read -> {
      if (mode == Mode.CLOSED) {
        return;
      }
      if (read.failed()) {
        end(read.cause() instanceof SequenceGoneException ? FeedStreams.Closed.GONE : FeedStreams.Closed.ERROR);
      } else {
        caughtUp(read.result());
      }
    });
  }

  /** Writes a batch read from the log, then reads the next one, waits for the client, or goes live. */
  private void caughtUp(List<FeedEvent> events) {
    events.forEach(event -> write(FeedFrame.of(event)));
    if (events.size() < BATCH) {
      goLive();
    } else if (response.writeQueueFull()) {
      response.drainHandler(drained -> {
        response.drainHandler(null);
        fullAtLastBeat = false;
        if (mode == Mode.CATCHING_UP) {
          readNext();
        }
      });
    } else {
      readNext();
    }
  }

  /** Joins the live streams; if the tail read past this stream's last change before it joined, catches up again. */
  private void goLive() {
    mode = Mode.LIVE;
    streams.join(this, lastHandled);
    if (streams.tail().lastSequence() > lastHandled) {
      catchUp();
    }
  }

  private void write(FeedFrame frame) {
    if (frame.sequence() <= lastHandled) {
      return;
    }
    if (parameters.filter().passes(frame.record())) {
      response.write(frame.bytes());
    }
    lastHandled = frame.sequence();
  }

  private void beat() {
    if (mode == Mode.CLOSED) {
      return;
    }
    if (!response.writeQueueFull()) {
      fullAtLastBeat = false;
      response.write(HEARTBEAT);
    } else if (fullAtLastBeat) {
      close(FeedStreams.Closed.BACKLOG);
    } else {
      fullAtLastBeat = true;
    }
  }

  /** Ends the response cleanly: the client sees the stream end and reconnects with its last id. */
  private void end(FeedStreams.Closed reason) {
    if (mode != Mode.CLOSED) {
      finish(reason);
      response.end();
    }
  }

  /** Drops the connection with whatever it still had queued. */
  private void close(FeedStreams.Closed reason) {
    if (mode != Mode.CLOSED) {
      finish(reason);
      ctx.request().connection().close();
    }
  }

  private void finish(FeedStreams.Closed reason) {
    mode = Mode.CLOSED;
    vertx.cancelTimer(heartbeat);
    streams.leave(this);
    streams.closed(reason);
  }
}
