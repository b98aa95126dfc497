package io.sophra.registry.events;

import io.sophra.registry.background.AfterAnswer;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.BatchResult;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ChangeRecorder;
import io.sophra.registry.registry.ModelPage;
import io.sophra.registry.registry.ModelQuery;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.registry.RestoreMode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one place stored model changes become feed entries, records and events: after each mutation of
 * the registry it wraps has succeeded, and before the caller hears of the success, appends the change
 * to the {@link ChangeLog} (which numbers it) and, at the same time, has it recorded (the audit trail,
 * a {@link ChangeRecorder}); once both are done it hands the {@link Change} up with its
 * {@code sequence} and, right after the caller's callbacks ran ({@link AfterAnswer}: the answer does
 * not wait for the event's encoding and sending), publishes the {@link ModelEvent} with that sequence
 * on {@link EventAddresses#MODELS_CHANGED}. A failed or refused mutation appends, records and
 * publishes nothing, and neither does a merge patch that changed nothing. Reads pass through.
 *
 * <p>If the append fails, the change is stored (and recorded) all the same: the caller gets
 * {@code Unavailable} (503) saying so ({@link ChangeAppender}), and nothing is published. The event
 * bus itself is at-most-once; a subscriber that misses an event finds the gap in the sequences and
 * reads the missing changes from the log ({@link ModelEventSubscriber}).
 *
 * <p>Order: changes are appended after the model's owner applied them, so two writes of one model
 * made through different nodes at the same moment can reach the log in the opposite order of their
 * revisions (readers drop a revision at or below the last they saw of that model). A write that was
 * acknowledged before another one began is always logged before it.
 */
public final class EventPublishingRegistry implements ModelRegistry {

  private final ModelRegistry delegate;
  private final EventBus eventBus;
  private final ChangeAppender log;
  private final ChangeRecorder<Change> changes;
  private final ChangeRecorder<Change> imports;

  private EventPublishingRegistry(ModelRegistry delegate, EventBus eventBus, ChangeLog log,
      ChangeRecorder<Change> changes, ChangeRecorder<Change> imports) {
    this.delegate = delegate;
    this.eventBus = eventBus;
    this.log = new ChangeAppender(log);
    this.changes = changes;
    this.imports = imports;
  }

  /**
   * @param changes records each change made through the API
   * @param imports records each model an import created or overwrote ({@link #restoreModel})
   */
  public static ModelRegistry create(ModelRegistry delegate, EventBus eventBus, ChangeLog log,
      ChangeRecorder<Change> changes, ChangeRecorder<Change> imports) {
    return new EventPublishingRegistry(delegate, eventBus, log, changes, imports);
  }

  @Override
  public Future<Change> registerModel(Caller caller, ModelDraft draft) {
    return delegate.registerModel(caller, draft).compose(change -> published(caller, change, changes));
  }

  @Override
  public Future<ModelConfig> getModel(Caller caller, ModelId id) {
    return delegate.getModel(caller, id);
  }

  @Override
  public Future<BatchResult> getModels(Caller caller, List<ModelId> ids) {
    return delegate.getModels(caller, ids);
  }

  @Override
  public Future<ModelPage> listModels(Caller caller, ModelQuery query) {
    return delegate.listModels(caller, query);
  }

  @Override
  public Future<Change> updateModel(Caller caller, ModelId id, JsonObject patch, Optional<String> expectedEtag) {
    return delegate.updateModel(caller, id, patch, expectedEtag).compose(change -> published(caller, change, changes));
  }

  @Override
  public Future<Change> deleteModel(Caller caller, ModelId id, Optional<String> expectedEtag) {
    return delegate.deleteModel(caller, id, expectedEtag).compose(change -> published(caller, change, changes));
  }

  @Override
  public Future<ModelPage> exportModels(Caller caller, Optional<ModelId> after, int limit) {
    return delegate.exportModels(caller, after, limit);
  }

  /**
   * A created model publishes {@code registered}, an overwritten one {@code updated}, both recorded as
   * imports; a skipped one nothing.
   */
  @Override
  public Future<Change> restoreModel(Caller caller, ModelConfig model, RestoreMode mode) {
    return delegate.restoreModel(caller, model, mode).compose(change -> published(caller, change, imports));
  }

  private Future<Change> published(Caller caller, Change change, ChangeRecorder<Change> recorder) {
    if (!change.changedAnything()) {
      return Future.succeededFuture(change);
    }
    ModelEvent event = ModelEvent.of(change, caller.subject(), Instant.now());
    return log.append(ChangeRecord.of(event), () -> recorder.record(caller, change)).map(sequence -> {
      ModelEvent sequenced = event.withSequence(sequence);
      AfterAnswer.run(() -> eventBus.publish(EventAddresses.MODELS_CHANGED, sequenced.toJson()));
      return change.withSequence(sequence);
    });
  }
}
