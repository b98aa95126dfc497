package io.sophra.registry.events;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reacts to model changes from any clustered Vert.x node: every change exactly once, in sequence
 * order, from the moment it subscribed or from any sequence the change log still retains.
 *
 * <p>It consumes {@link EventAddresses#MODELS_CHANGED} and {@link EventAddresses#ALIASES_CHANGED}
 * (alias changes share the sequence; they are counted, not passed on) and orders them by
 * {@code sequence} ({@link FeedFollower}): a change heard early waits for the ones before it; missing
 * ones are read from the change log over the event bus ({@link EventAddresses#CHANGES_READ}, served
 * by every registry node, so no registry class is needed here) once they have not arrived within the
 * reorder window. Started {@link Builder#after after} a stored sequence, it first reads everything
 * the log holds after it. Store {@link #lastSequence()} to resume there.
 *
 * <p>Two things remain for the callback to know. A {@link Lost} means the changes after a sequence
 * are no longer retained: re-read the state (list the models), then carry on (the subscriber resumes
 * after {@link Lost#current()} by itself). A {@link Gap} means a model's revision jumped: a change
 * was stored but never logged (its node crashed between the two, or the append failed and the write
 * answered 503): re-read that model. Per (id, uid) a revision at or below the last one passed on is
 * dropped as stale: two writes of one model through different nodes at the same moment can be
 * logged out of revision order, and the later state was passed on already.
 *
 * <p>Callbacks run on the subscriber's context, one at a time. A malformed payload (another version,
 * or a forged message: the event bus authenticates no sender) is counted and skipped.
 *
 * <pre>{@code
 * ModelEventSubscriber.builder(vertx).after(store.lastSequence())
 *     .onGap(gap -> reload(gap.id())).onLost(lost -> reloadAll())
 *     .subscribe(event -> { cache.apply(event); store.save(event.sequence().getAsLong()); });
 * }</pre>
 */
public final class ModelEventSubscriber {

  /** Models whose last revision is remembered; the least recently heard of is forgotten first. */
  public static final int DEFAULT_CAPACITY = 100_000;
  /** How long a change heard early waits for the ones before it before they are read from the log. */
  public static final long DEFAULT_REORDER_MILLIS = 200;

  private static final Logger LOG = LoggerFactory.getLogger(ModelEventSubscriber.class);

  /** Events of model ({@code id}, {@code uid}) between {@code lastSeenRevision} and {@code receivedRevision} were missed. */
  public record Gap(String id, String uid, long lastSeenRevision, long receivedRevision) {

    /** How many events were missed. */
    public long missed() {
      return receivedRevision - lastSeenRevision - 1;
    }
  }

  /** The changes after sequence {@code after} fell out of the log's retention; resume after {@code current}. */
  public record Lost(long after, long current) {
  }

  /** How to subscribe: from now or after a sequence, and who hears of gaps and losses. */
  public static final class Builder {
    private final Vertx vertx;
    private long after = -1;
    private int capacity = DEFAULT_CAPACITY;
    private long reorderMillis = DEFAULT_REORDER_MILLIS;
    private Consumer<Gap> onGap = gap -> LOG.warn("Missed {} event(s) of model '{}' (uid {}) before revision {}",
        gap.missed(), gap.id(), gap.uid(), gap.receivedRevision());
    private Consumer<Lost> onLost = lost -> LOG.warn("The changes after sequence {} are no longer retained; resuming"
        + " after {}: re-read the models", lost.after(), lost.current());

    private Builder(Vertx vertx) {
      this.vertx = vertx;
    }

    /** Resumes after this sequence (0: from the first change the log ever held): reads the log first. */
    public Builder after(long sequence) {
      if (sequence < 0) {
        throw new IllegalArgumentException("a sequence is 0 or more, not " + sequence);
      }
      this.after = sequence;
      return this;
    }

    public Builder capacity(int models) {
      this.capacity = models;
      return this;
    }

    public Builder reorderWindow(long millis) {
      this.reorderMillis = millis;
      return this;
    }

    public Builder onGap(Consumer<Gap> callback) {
      this.onGap = callback;
      return this;
    }

    public Builder onLost(Consumer<Lost> callback) {
      this.onLost = callback;
      return this;
    }

    /** Subscribes; the Future completes once the subscription is known to the whole cluster. */
    public Future<ModelEventSubscriber> subscribe(Consumer<ModelEvent> onEvent) {
      Context context = vertx.getOrCreateContext();
      Promise<ModelEventSubscriber> subscribed = Promise.promise();
      context.runOnContext(started -> new ModelEventSubscriber(this, onEvent).register().onComplete(subscribed));
      return subscribed.future();
    }
  }

  private final Vertx vertx;
  private final RevisionTracker tracker;
  private final Consumer<ModelEvent> onEvent;
  private final Consumer<Gap> onGap;
  private final FeedFollower follower;
  private volatile long delivered;
  private volatile long dropped;
  private volatile long gaps;
  private volatile long malformed;
  private volatile long lastSequence;
  private MessageConsumer<JsonObject> models;
  private MessageConsumer<JsonObject> aliases;

  private ModelEventSubscriber(Builder builder, Consumer<ModelEvent> onEvent) {
    this.vertx = builder.vertx;
    this.tracker = new RevisionTracker(builder.capacity);
    this.onEvent = onEvent;
    this.onGap = builder.onGap;
    Consumer<Lost> onLost = builder.onLost;
    this.follower = new FeedFollower(vertx, builder.after, builder.reorderMillis, this::handle,
        lost -> call(onLost, new Lost(lost.after(), lost.current())));
    this.lastSequence = Math.max(0, builder.after);
  }

  public static Builder builder(Vertx vertx) {
    return new Builder(vertx);
  }

  /** Subscribes from now on; the Future completes once the subscription is known to the whole cluster. */
  public static Future<ModelEventSubscriber> subscribe(Vertx vertx, Consumer<ModelEvent> onEvent, Consumer<Gap> onGap) {
    return builder(vertx).onGap(onGap).subscribe(onEvent);
  }

  /** Subscribes from now on, logging gaps as warnings. */
  public static Future<ModelEventSubscriber> subscribe(Vertx vertx, Consumer<ModelEvent> onEvent) {
    return builder(vertx).subscribe(onEvent);
  }

  public static Future<ModelEventSubscriber> subscribe(Vertx vertx, int capacity, Consumer<ModelEvent> onEvent,
      Consumer<Gap> onGap) {
    return builder(vertx).capacity(capacity).onGap(onGap).subscribe(onEvent);
  }

  private Future<ModelEventSubscriber> register() {
    models = vertx.eventBus().consumer(EventAddresses.MODELS_CHANGED,
        message -> heard(ChangeRecord.Kind.MODEL, message));
    aliases = vertx.eventBus().consumer(EventAddresses.ALIASES_CHANGED,
        message -> heard(ChangeRecord.Kind.ALIAS, message));
    return Future.all(models.completion(), aliases.completion()).map(registered -> {
      follower.start();
      return this;
    });
  }

  public Future<Void> unsubscribe() {
    follower.close();
    return Future.all(models.unregister(), aliases.unregister()).mapEmpty();
  }

  /** The sequence of the last change handled (of a model or an alias): resume after it. */
  public long lastSequence() {
    return lastSequence;
  }

  /** Events handed to the callback. */
  public long delivered() {
    return delivered;
  }

  /** Stale model events not handed on (a revision at or below the last one passed on), and duplicates. */
  public long dropped() {
    return dropped + follower.duplicates();
  }

  /** Gaps in a model's revisions reported. */
  public long gaps() {
    return gaps;
  }

  /** Payloads that were not events of the change log. */
  public long malformed() {
    return malformed;
  }

  /** Changes read from the change log rather than heard on the event bus. */
  public long readFromLog() {
    return follower.changesReadFromLog();
  }

  private void heard(ChangeRecord.Kind kind, Message<JsonObject> message) {
    Long sequence = message.body() == null ? null : message.body().getLong(ModelEvent.SEQUENCE);
    if (sequence == null || sequence < 1) {
      malformed++;
      LOG.debug("Skipped an event without a sequence: {}", message.body());
      return;
    }
    follower.heard(new FeedFollower.Heard(kind, sequence, message.body()));
  }

  /** A change in sequence order, once. */
  private void handle(FeedFollower.Heard change) {
    lastSequence = change.sequence();
    if (change.kind() != ChangeRecord.Kind.MODEL) {
      return;
    }
    ModelEvent event;
    try {
      event = ModelEvent.fromJson(change.payload());
    } catch (RuntimeException e) {
      malformed++;
      LOG.debug("Skipped a malformed model event: {}", e.getMessage());
      return;
    }
    RevisionTracker.Observation seen = tracker.observe(event.id(), event.uid(), event.revision());
    switch (seen.verdict()) {
      case STALE -> dropped++;
      case GAP -> {
        gaps++;
        call(onGap, new Gap(event.id(), event.uid(), seen.lastSeen(), event.revision()));
        deliver(event);
      }
      case FIRST, NEXT -> deliver(event);
    }
  }

  private void deliver(ModelEvent event) {
    delivered++;
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
