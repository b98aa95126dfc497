package io.sophra.registry.grid;

import io.sophra.registry.model.ModelConfig;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * How {@link GridModelRegistry} sends an update to the grid: decided here from this member's Near
 * Cache copy and stored with a compare-and-set when it can be, as the owner's entry processor
 * otherwise, and in both cases with the stored revision kept in this member's Near Cache.
 */
final class ModelUpdates {

  private final DirectWrites<String, ModelConfig> direct;
  private final LocalNearCache nearCache;
  private final ModelIndex index;
  private final GridCalls calls;

  ModelUpdates(DirectWrites<String, ModelConfig> direct, LocalNearCache nearCache, ModelIndex index, GridCalls calls) {
    this.direct = direct;
    this.nearCache = nearCache;
    this.index = index;
    this.calls = calls;
  }

  /**
   * An update decided here when this member's Near Cache holds the model: the next revision is
   * computed from that copy by the owner's own rule ({@link UpdateProcessor#applyTo}) and stored with a
   * compare-and-set ({@link DirectWrites#replace}), which the owner refuses unless it still holds
   * exactly that copy. Anything else goes to the owner as the entry processor, which decides against
   * the current value there: no copy here, a copy refused (stale, or no longer the stored one), and
   * every outcome but a change (a failure, or a patch that changes nothing), so no refusal is ever
   * answered from a copy. Either way the revision stored stays in this member's Near Cache for the
   * next update or read here ({@link LocalNearCache#keptAfter}).
   */
  Future<WriteOutcome> update(GridCalls.Deadline deadline, String id, UpdateProcessor update) {
    ModelConfig cached = nearCache.peek(id, ModelConfig.class);
    WriteOutcome decided = cached == null ? null : update.applyTo(cached);
    if (decided == null || !decided.changed()) {
      return calls.async(deadline, () -> kept(id, () -> submitted(id, update)));
    }
    // a refusal answers null; the processor is then sent from this context, as Hazelcast's answering
    // thread may not start a remote call
    return calls.async(deadline, () -> kept(id, () -> direct.replace(id, cached, decided.after())
            .thenApplyAsync(stored -> stored ? decided : null, Runnable::run)))
        .compose(outcome -> outcome != null ? Future.succeededFuture(outcome)
            : calls.async(deadline, () -> kept(id, () -> submitted(id, update))));
  }

  /**
   * A model write sent from this member with its key reserved in the Near Cache, which keeps the
   * model stored when the write is done ({@link LocalNearCache#keptAfter}), followed by the list index
   * update; a null outcome (a refused compare-and-set) changed nothing.
   */
  private CompletionStage<WriteOutcome> kept(String id, Supplier<CompletionStage<WriteOutcome>> write) {
    long reservation = nearCache.reserveForWrite(id);
    CompletionStage<WriteOutcome> sent;
    try {
      sent = write.get();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedStage(e); // not sent: the reservation is dropped all the same
    }
    return index.afterWrite(id, nearCache.keptAfter(id, reservation, sent,
        outcome -> outcome != null && outcome.done() ? outcome.after() : null));
  }

  /** {@code update} run at the key's owner, its answer deserialized once ({@link HazelcastFutures#deserializedOnce}). */
  private CompletionStage<WriteOutcome> submitted(String id, UpdateProcessor update) {
    return HazelcastFutures.deserializedOnce(direct.submit(id, update));
  }
}
