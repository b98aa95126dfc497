package io.sophra.registry.events;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.registry.BatchResult;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
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
 * Publishes a {@link ModelEvent} on {@link EventAddresses#MODELS_CHANGED} after each mutation of the
 * registry it wraps has succeeded, before the caller hears of the success. A failed or refused
 * mutation publishes nothing, and neither does a merge patch that changed nothing. Reads pass through.
 *
 * <p>The event bus is at-most-once: an event can be lost (a subscriber's node unreachable, a crash
 * between storing and publishing), never duplicated by the registry. Subscribers detect a loss from
 * the revisions ({@link ModelEventSubscriber}) and catch up by reading the model.
 */
public final class EventPublishingRegistry implements ModelRegistry {

  private final ModelRegistry delegate;
  private final EventBus eventBus;

  private EventPublishingRegistry(ModelRegistry delegate, EventBus eventBus) {
    this.delegate = delegate;
    this.eventBus = eventBus;
  }

  public static ModelRegistry create(ModelRegistry delegate, EventBus eventBus) {
    return new EventPublishingRegistry(delegate, eventBus);
  }

  @Override
  public Future<Change> registerModel(Caller caller, ModelDraft draft) {
    return delegate.registerModel(caller, draft).map(change -> published(caller, change));
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
    return delegate.updateModel(caller, id, patch, expectedEtag).map(change -> published(caller, change));
  }

  @Override
  public Future<Change> deleteModel(Caller caller, ModelId id, Optional<String> expectedEtag) {
    return delegate.deleteModel(caller, id, expectedEtag).map(change -> published(caller, change));
  }

  @Override
  public Future<ModelPage> exportModels(Caller caller, Optional<ModelId> after, int limit) {
    return delegate.exportModels(caller, after, limit);
  }

  /** A created model publishes {@code registered}, an overwritten one {@code updated}, a skipped one nothing. */
  @Override
  public Future<Change> restoreModel(Caller caller, ModelConfig model, RestoreMode mode) {
    return delegate.restoreModel(caller, model, mode).map(change -> published(caller, change));
  }

  private Change published(Caller caller, Change change) {
    if (change.changedAnything()) {
      eventBus.publish(EventAddresses.MODELS_CHANGED, ModelEvent.of(change, caller.subject(), Instant.now()).toJson());
    }
    return change;
  }
}
