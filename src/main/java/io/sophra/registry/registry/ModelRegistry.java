package io.sophra.registry.registry;

import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The registry of model configurations. HTTP calls it, and so may any verticle in the same JVM;
 * implementations are decorators (permission check and audit, event publishing) over one store.
 *
 * <p>Every method takes the {@link Caller} first and returns a Future that fails with a
 * {@link RegistryException} (a sealed hierarchy: its {@code kind()} says which); a failed call
 * changes nothing. Ids and drafts arrive checked ({@link ModelId}, {@link ModelDraft}), so no
 * implementation checks them again.
 */
public interface ModelRegistry {

  /** Registers a new model at revision 1; fails with AlreadyExists or RegistryFull. */
  Future<Change> registerModel(Caller caller, ModelDraft draft);

  /** The model with this id; fails with NotFound. */
  Future<ModelConfig> getModel(Caller caller, ModelId id);

  /** The models with these ids, in request order, and the ids not found. */
  Future<BatchResult> getModels(Caller caller, List<ModelId> ids);

  /** A page of models sorted by id. */
  Future<ModelPage> listModels(Caller caller, ModelQuery query);

  /**
   * Applies a JSON Merge Patch. With {@code expectedEtag} present the update happens only if it
   * names the current revision (else RevisionMismatch); absent, the update is unconditional.
   */
  Future<Change> updateModel(Caller caller, ModelId id, JsonObject patch, Optional<String> expectedEtag);

  /** Deletes the model, if {@code expectedEtag} (when present) names its current revision. */
  Future<Change> deleteModel(Caller caller, ModelId id, Optional<String> expectedEtag);
}
