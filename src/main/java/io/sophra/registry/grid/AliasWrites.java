package io.sophra.registry.grid;

import com.hazelcast.map.IMap;
import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.AliasChange;
import io.sophra.registry.alias.AliasDraft;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.Preconditions;
import io.sophra.registry.alias.Variant;
import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.failure.VariantNotReadyException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The alias writes, each run whole on one worker thread under the locks of {@link AliasLocks}
 * (blocking Hazelcast calls: never call these on an event loop). Under its locks a write reads the
 * alias and the variants' models at their owners, checks, and stores with a compare-and-set
 * ({@link AliasReplaceProcessor}).
 *
 * <p>The cap: a creation takes a slot under the key {@code aliases} of the map {@code model-slots}
 * (the same counting as the models', with its own key) before it stores, and gives it back if the
 * store certainly did not happen; a deletion gives one back. The alias's lock makes "creation" exact.
 */
final class AliasWrites {

  static final String SLOT_KEY = "aliases";

  private final IMap<String, Alias> aliases;
  private final IMap<String, ModelConfig> models;
  private final IMap<String, Long> slots;
  private final AliasLocks locks;
  private final LocalNearCache nearCache;
  private final int maxAliases;

  AliasWrites(IMap<String, Alias> aliases, IMap<String, ModelConfig> models, IMap<String, Long> slots,
      AliasLocks locks, int maxAliases) {
    this.aliases = aliases;
    this.models = models;
    this.slots = slots;
    this.locks = locks;
    this.nearCache = LocalNearCache.of(aliases);
    this.maxAliases = maxAliases;
  }

  AliasChange put(AliasName name, AliasDraft draft, Preconditions preconditions, GridCalls.Deadline deadline)
      throws InterruptedException {
    List<String> keys = new ArrayList<>(List.of(AliasLocks.aliasKey(name.value())));
    draft.variants().forEach(variant -> keys.add(AliasLocks.modelKey(variant.modelId().value())));
    List<String> taken = locks.lockAll(keys, deadline);
    try {
      Alias current = current(name);
      if (!preconditions.allow(current)) {
        throw RegistryException.RevisionMismatch.alias(name.value(), preconditions.describe(),
            current == null ? null : current.etag());
      }
      if (current != null && current.holds(draft)) {
        return AliasChange.updated(current, current);
      }
      checkReady(draft.variants());
      if (current == null) {
        Alias created = Alias.create(name, draft, UUID.randomUUID().toString(), Instant.now());
        reserveSlot();
        if (!replace(name, null, created)) {
          releaseSlot();
          throw lostLock(name);
        }
        return AliasChange.created(created);
      }
      Alias next = current.next(draft, Instant.now());
      if (!replace(name, current, next)) {
        throw lostLock(name);
      }
      return AliasChange.updated(current, next);
    } finally {
      locks.unlockAll(taken);
    }
  }

  AliasChange delete(AliasName name, Optional<String> expectedEtag, GridCalls.Deadline deadline)
      throws InterruptedException {
    List<String> taken = locks.lockAll(List.of(AliasLocks.aliasKey(name.value())), deadline);
    try {
      Alias current = current(name);
      if (current == null) {
        throw RegistryException.NotFound.alias(name.value());
      }
      Preconditions condition = new Preconditions(expectedEtag, Optional.empty());
      if (!condition.allow(current)) {
        throw RegistryException.RevisionMismatch.alias(name.value(), condition.describe(), current.etag());
      }
      if (!replace(name, current, null)) {
        throw lostLock(name);
      }
      releaseSlot();
      return AliasChange.deleted(current);
    } finally {
      locks.unlockAll(taken);
    }
  }

  /** The alias as its owner holds it now (never a Near Cache copy), or null. */
  private Alias current(AliasName name) {
    return await(aliases.submitToKey(name.value(), new ReadCurrentProcessor<>()));
  }

  /** Every variant's model, read at its owner, must exist and be ready; else one error per variant that is not. */
  private void checkReady(List<Variant> variants) {
    List<CompletionStage<ModelConfig>> reads = new ArrayList<>();
    for (Variant variant : variants) {
      reads.add(models.submitToKey(variant.modelId().value(), new ReadCurrentProcessor<>()));
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      ModelConfig model = await(reads.get(i));
      String pointer = "/variants/" + i + "/modelId";
      String id = variants.get(i).modelId().value();
      if (model == null) {
        errors.add(new FieldError(pointer, "no model has id '" + id + "'"));
      } else if (model.status() != ModelStatus.READY) {
        errors.add(new FieldError(pointer, "model '" + id + "' is " + model.status().wireName()
            + "; an alias routes only to ready models"));
      }
    }
    if (!errors.isEmpty()) {
      throw new VariantNotReadyException(errors);
    }
  }

  private boolean replace(AliasName name, Alias current, Alias next) {
    return await(nearCache.invalidatedAfter(name.value(),
        aliases.submitToKey(name.value(), new AliasReplaceProcessor(current == null ? null : current.etag(), next))));
  }

  private void reserveSlot() {
    if (!await(slots.submitToKey(SLOT_KEY, new SlotProcessor.Reserve(maxAliases)))) {
      throw RegistryException.RegistryFull.aliases(maxAliases);
    }
  }

  /** Gives a slot back; a release whose outcome is unknown leaves the slot taken (the cap bites early, never late). */
  private void releaseSlot() {
    slots.submitToKey(SLOT_KEY, new SlotProcessor.Release());
  }

  private static RegistryException lostLock(AliasName name) {
    return new RegistryException.Unavailable("alias '" + name + "' changed while this write held its lock (the"
        + " lock's lease ran out); nothing was changed, retry", null);
  }

  /** The stage's value on this (worker) thread; its failure rethrown as it is, for GridCalls to translate. */
  static <T> T await(CompletionStage<T> stage) {
    try {
      CompletableFuture<T> future = stage.toCompletableFuture();
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException.Unavailable("interrupted while waiting for the grid", e);
    }
  }
}
