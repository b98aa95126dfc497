package io.sophra.registry.grid;

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
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/** Drops a model's metric points once its deletion succeeded; every other call passes straight through. */
final class MetricCascade implements ModelRegistry {

  private final ModelRegistry delegate;
  private final GridModelMetrics metrics;

  MetricCascade(ModelRegistry delegate, GridModelMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public Future<Change> registerModel(Caller caller, ModelDraft draft) {
    return delegate.registerModel(caller, draft);
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
    return delegate.updateModel(caller, id, patch, expectedEtag);
  }

  @Override
  public Future<ModelPage> exportModels(Caller caller, Optional<ModelId> after, int limit) {
    return delegate.exportModels(caller, after, limit);
  }

  /** An overwrite by a model of another uid is a new model: the points of the one it replaced go. */
  @Override
  public Future<Change> restoreModel(Caller caller, ModelConfig model, RestoreMode mode) {
    return delegate.restoreModel(caller, model, mode).onSuccess(change -> {
      if (change.before() != null && !change.before().uid().equals(change.latest().uid())) {
        metrics.drop(new ModelId(model.id()), change.before().uid());
      }
    });
  }

  @Override
  public Future<Change> deleteModel(Caller caller, ModelId id, Optional<String> expectedEtag) {
    return delegate.deleteModel(caller, id, expectedEtag)
        .onSuccess(change -> metrics.drop(id, change.before().uid()));
  }
}
