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
 * implementations are decorators (permission check; change log, audit and events) over one store.
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

  /**
   * A page of whole models in id order for a backup, starting after {@code after}; each page is read
   * on its own, as a list page is, so a backup never holds every model at once. Needs {@code EXPORT}.
   */
  Future<ModelPage> exportModels(Caller caller, Optional<ModelId> after, int limit);

  /**
   * Restores a model as a backup holds it — its {@code uid}, {@code revision} and times kept — counting
   * against {@code MODEL_REGISTRY_MAX_MODELS} like a registration (fails with RegistryFull). Needs
   * {@code IMPORT}.
   *
   * <ul>
   *   <li>The id is free: the model is stored as it is; a REGISTERED change.</li>
   *   <li>The id is taken, {@link RestoreMode#SKIP}, or the stored model equals the restored one: nothing
   *       is stored; an UPDATED change whose before and after are the stored model (no change at all).</li>
   *   <li>The id is taken and {@link RestoreMode#OVERWRITE}: the restored model replaces the stored one
   *       unconditionally, keeping its own {@code uid}; when both share a uid its revision is raised above
   *       the stored one where needed (and {@code updatedAt} set to now), so revisions of one uid only
   *       grow and no ETag ever names two contents; an UPDATED change.</li>
   * </ul>
   */
  Future<Change> restoreModel(Caller caller, ModelConfig model, RestoreMode mode);
}
