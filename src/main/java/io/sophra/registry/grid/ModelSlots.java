package io.sophra.registry.grid;

import com.hazelcast.map.IMap;
import io.sophra.registry.failure.RegistryException;
import io.vertx.core.Future;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide cap on registered models (MODEL_REGISTRY_MAX_MODELS): a count of taken slots
 * under one key, changed only by entry processors at that key's owner, which runs them one at a time.
 *
 * <p>Design note: the guarantee. A registration takes a slot before it inserts; a slot is given
 * back only once it is certain that the insert did not happen (the owner answered "already exists"),
 * or that the model was deleted (the delete processor answered "done"). So at every moment
 * {@code models held <= slots taken <= max}, however many nodes register at once: with max = 20 and
 * 90 concurrent registrations of distinct ids on three nodes, exactly 20 succeed. Settling a slot
 * follows the grid call's own answer, not the request deadline, so a call that answers after its
 * request got a 503 still settles its slot correctly.
 *
 * <p>What it does not promise: a slot whose outcome stays unknown (the grid failed the insert, the
 * delete or the release with an indeterminate error, typically while a member crashes) stays taken,
 * so the cap may then refuse registrations that many models early, until {@link #resync}. It never
 * admits more than max. It holds within one cluster: after a network split each side counts on its
 * own, and after the merge the models of both sides are kept (up to twice max in the worst case).
 */
final class ModelSlots {

  static final String MAP_NAME = "model-slots";
  private static final String KEY = "models";
  private static final Logger LOG = LoggerFactory.getLogger(ModelSlots.class);

  private final IMap<String, Long> counts;
  private final GridCalls calls;
  private final int max;

  ModelSlots(IMap<String, Long> counts, GridCalls calls, int max) {
    this.counts = counts;
    this.calls = calls;
    this.max = max;
  }

  /**
   * Takes a slot, runs {@code insert}, and gives the slot back once it is certain the insert did not
   * happen: {@code inserted} says no of its outcome, or {@code notApplied} says so of its failure (a
   * failure the grid guarantees left the map unchanged). Any other failure keeps the slot. Fails
   * with RegistryFull when no slot is free, Unavailable past the deadline.
   */
  <T> Future<T> insertWithSlot(GridCalls.Deadline deadline, Supplier<CompletionStage<T>> insert,
      Predicate<T> inserted, Predicate<Throwable> notApplied) {
    return reserve(deadline).compose(reserved -> {
      if (deadline.remainingMillis() <= 0) {
        return release().compose(released -> GridCalls.translate(new TimeoutException("deadline passed before the insert")));
      }
      Future<T> attempt = calls.start(insert);
      Future<T> settled = attempt.compose(
          outcome -> inserted.test(outcome) ? Future.succeededFuture(outcome) : release().map(outcome),
          failure -> {
            if (notApplied.test(failure)) {
              return release().compose(released -> Future.failedFuture(failure));
            }
            LOG.warn("A registration's outcome is unknown ({}); its slot stays taken until a resync", failure.toString());
            return Future.failedFuture(failure);
          });
      return calls.within(deadline, settled);
    });
  }

  /**
   * Runs {@code delete} and gives a slot back once {@code deleted} says it removed a model; the
   * release follows the delete's own answer even when the request stopped waiting for it.
   */
  <T> Future<T> deleteFreeingSlot(GridCalls.Deadline deadline, Supplier<CompletionStage<T>> delete,
      Predicate<T> deleted) {
    Future<T> settled = calls.start(delete)
        .compose(outcome -> deleted.test(outcome) ? release().map(outcome) : Future.succeededFuture(outcome));
    return calls.within(deadline, settled);
  }

  /** Sets the count to the number of models the grid holds (start-up after a load, repairs). */
  Future<Void> resync(IMap<String, ?> models) {
    return calls.blocking(() -> {
      counts.set(KEY, (long) models.size());
      return null;
    });
  }

  /** Takes a slot, or fails with RegistryFull; a slot taken after the deadline passed is given back. */
  private Future<Void> reserve(GridCalls.Deadline deadline) {
    if (deadline.remainingMillis() <= 0) {
      return GridCalls.translate(new TimeoutException("deadline passed before the reservation"));
    }
    Future<Boolean> attempt = calls.start(() -> counts.submitToKey(KEY, new SlotProcessor.Reserve(max)));
    Future<Boolean> answered = calls.within(deadline, attempt);
    answered.onFailure(late -> attempt.onSuccess(taken -> {
      if (taken) {
        release();
      }
    }));
    return answered.compose(taken -> taken ? Future.succeededFuture()
        : Future.failedFuture(new RegistryException.RegistryFull(max)));
  }

  /** Gives one slot back; never fails (a release whose outcome is unknown leaves the slot taken). */
  private Future<Void> release() {
    return calls.start(() -> counts.submitToKey(KEY, new SlotProcessor.Release()))
        .<Void>mapEmpty()
        .recover(failure -> {
          LOG.warn("Giving back a model slot failed ({}); it stays taken until a resync", failure.toString());
          return Future.succeededFuture();
        });
  }
}
