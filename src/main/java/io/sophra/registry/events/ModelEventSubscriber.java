package io.sophra.registry.events;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reacts to model changes from any clustered Vert.x node: consumes {@link EventAddresses#MODELS_CHANGED},
 * hands each new {@link ModelEvent} to a callback, drops duplicates and stale events (a revision at
 * or below the last one seen for the same id and uid), and reports a gap (revisions skipped, so
 * events were missed) before delivering the event that revealed it. A subscriber that learns of a gap
 * should re-read the model ({@code GET /v1/models/{id}}) or its history; the first event seen for a
 * model is its starting point, not a gap.
 *
 * <p>Callbacks run on the consumer's context, one at a time. A malformed payload (another version,
 * or a forged message: the event bus authenticates no sender) is counted and skipped.
 *
 * <pre>{@code
 * ModelEventSubscriber.subscribe(vertx, event -> cache.invalidate(event.id()),
 *     gap -> reload(gap.id()));
 * }</pre>
 */
public final class ModelEventSubscriber {

  /** Models whose last revision is remembered; the least recently heard of is forgotten first. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(ModelEventSubscriber.class);

  /** Events of model ({@code id}, {@code uid}) between {@code lastSeenRevision} and {@code receivedRevision} were missed. */
  public record Gap(String id, String uid, long lastSeenRevision, long receivedRevision) {

    /** How many events were missed. */
    public long missed() {
      return receivedRevision - lastSeenRevision - 1;
    }
  }

  private final RevisionTracker tracker;
  private final Consumer<ModelEvent> onEvent;
  private final Consumer<Gap> onGap;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder gaps = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private MessageConsumer<JsonObject> consumer;

  private ModelEventSubscriber(int capacity, Consumer<ModelEvent> onEvent, Consumer<Gap> onGap) {
    this.tracker = new RevisionTracker(capacity);
    this.onEvent = onEvent;
    this.onGap = onGap;
  }

  /** Subscribes; the Future completes once the subscription is known to the whole cluster. */
  public static Future<ModelEventSubscriber> subscribe(Vertx vertx, Consumer<ModelEvent> onEvent, Consumer<Gap> onGap) {
    return subscribe(vertx, DEFAULT_CAPACITY, onEvent, onGap);
  }

  /** Subscribes, logging gaps as warnings. */
  public static Future<ModelEventSubscriber> subscribe(Vertx vertx, Consumer<ModelEvent> onEvent) {
    return subscribe(vertx, onEvent, gap -> LOG.warn("Missed {} event(s) of model '{}' (uid {}) before revision {}",
        gap.missed(), gap.id(), gap.uid(), gap.receivedRevision()));
  }

  public static Future<ModelEventSubscriber> subscribe(Vertx vertx, int capacity, Consumer<ModelEvent> onEvent,
      Consumer<Gap> onGap) {
    ModelEventSubscriber subscriber = new ModelEventSubscriber(capacity, onEvent, onGap);
    subscriber.consumer = vertx.eventBus().consumer(EventAddresses.MODELS_CHANGED, subscriber::handle);
    return subscriber.consumer.completion().map(subscriber);
  }

  public Future<Void> unsubscribe() {
    return consumer.unregister();
  }

  /** Events handed to the callback. */
  public long delivered() {
    return delivered.sum();
  }

  /** Duplicate or stale events not handed on. */
  public long dropped() {
    return dropped.sum();
  }

  /** Gaps reported. */
  public long gaps() {
    return gaps.sum();
  }

  /** Payloads that were not model events. */
  public long malformed() {
    return malformed.sum();
  }

  private void handle(Message<JsonObject> message) {
    ModelEvent event;
    try {
      event = ModelEvent.fromJson(message.body());
    } catch (RuntimeException e) {
      malformed.increment();
      LOG.debug("Skipped a malformed model event: {}", e.getMessage());
      return;
    }
    RevisionTracker.Observation seen = tracker.observe(event.id(), event.uid(), event.revision());
    switch (seen.verdict()) {
      case STALE -> dropped.increment();
      case GAP -> {
        gaps.increment();
        call(onGap, new Gap(event.id(), event.uid(), seen.lastSeen(), event.revision()));
        deliver(event);
      }
      case FIRST, NEXT -> deliver(event);
    }
  }

  private void deliver(ModelEvent event) {
    delivered.increment();
    call(onEvent, event);
  }

  private static <T> void call(Consumer<T> callback, T value) {
    try {
      callback.accept(value);
    } catch (RuntimeException e) {
      LOG.error("A model event callback failed on {}", value, e);
    }
  }
}
