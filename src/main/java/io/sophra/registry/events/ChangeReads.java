package io.sophra.registry.events;

import io.sophra.registry.failure.SequenceGoneException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Serves ranges of the change log on the event bus ({@link EventAddresses#CHANGES_READ}), so a
 * subscriber on any clustered node (a lite member, a plain Vert.x node with no registry class) can
 * catch up on what it missed with a request/reply. Every registry node serves it; the event bus
 * spreads the requests over them.
 *
 * <p>Request: {@code {"after": 812, "max": 500}} ({@code max} 1 to {@value #MAX}, default
 * {@value #DEFAULT_MAX}). Reply: {@code {"events": [{"kind": "model", "event": {...}}, ...], "last": 900}}
 * — the changes after {@code after}, oldest first, each with its kind ({@code model} or {@code alias})
 * and the same payload the event bus carried ({@code sequence} included), and {@code last}, the newest
 * sequence the serving node knows. When the changes after {@code after} are no longer retained:
 * {@code {"gone": true, "current": 900}} (re-read the state, then resume after {@code current}). A
 * malformed request fails with code 400.
 */
public final class ChangeReads {

  public static final int MAX = ChangeTail.BATCH - 1;
  public static final int DEFAULT_MAX = 500;

  private final ChangeLog log;

  private ChangeReads(ChangeLog log) {
    this.log = log;
  }

  /** Registers the service on this node; the Future completes once the cluster knows of it. */
  public static Future<MessageConsumer<JsonObject>> serve(Vertx vertx, ChangeLog log) {
    ChangeReads reads = new ChangeReads(log);
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(EventAddresses.CHANGES_READ, reads::handle);
    return consumer.completion().map(consumer);
  }

  private void handle(Message<JsonObject> request) {
    long after;
    int max;
    try {
      after = request.body().getLong("after", -1L);
      max = request.body().getInteger("max", DEFAULT_MAX);
    } catch (ClassCastException | NullPointerException e) {
      request.fail(400, "a read needs {\"after\": a whole number >= 0, \"max\": 1 to " + MAX + "}");
      return;
    }
    if (after < 0 || max < 1 || max > MAX) {
      request.fail(400, "a read needs {\"after\": a whole number >= 0, \"max\": 1 to " + MAX + "}");
      return;
    }
    log.readAfter(after, max).onComplete(read -> {
      if (read.succeeded()) {
        JsonArray events = new JsonArray();
        read.result().forEach(event -> events.add(new JsonObject().put("kind", event.record().kind().wireName())
            .put("event", event.payload())));
        request.reply(new JsonObject().put("events", events));
      } else if (read.cause() instanceof SequenceGoneException gone) {
        request.reply(new JsonObject().put("gone", true).put("current", gone.current()).put("detail", gone.getMessage()));
      } else {
        request.fail(503, "the change log could not be read: " + read.cause().getMessage());
      }
    });
  }
}
