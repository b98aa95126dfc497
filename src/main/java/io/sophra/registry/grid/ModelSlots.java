package io.sophra.registry.grid;

import com.hazelcast.map.IMap;
import io.sophra.registry.failure.RegistryException;
import io.vertx.core.Future;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide cap on registered models (MODEL_REGISTRY_MAX_MODELS): a count of taken slots
 * under one key, changed only by entry processors at that key's owner, which runs them one at a time.
 *
 * <p>Design note: the guarantee. A registration succeeds only with a slot; a slot is given back only
 * once it is certain that the insert did not happen (the owner answered "already exists"), or that
 * the model was deleted (the delete processor answered "done"). So the acknowledged models never
 * pass max, however many nodes register at once: with max = 20 and 90 concurrent registrations of
 * distinct ids on three nodes, exactly 20 succeed. Near the cap a registration takes its slot before
 * it inserts, and then at every moment {@code models held <= slots taken <= max}. Settling a slot
 * follows the grid call's own answer, not the request deadline, so a call that answers after its
 * request got a 503 still settles its slot correctly.
 *
 * <p>Far from the cap, a registration sends its insert beside the reservation instead of after it
 * ({@link #insertBesideSlot}), one round trip fewer. The acknowledged registrations stay exactly
 * those that got a slot: an insert whose reservation was refused is removed again before its answer,
 * and the answer is RegistryFull. Only then, for that one round trip, can the map hold more than max
 * models, which takes more registrations than the headroom ({@link #headroom}) landing before this
 * member's list index heard of them; and if another request deletes such a model within that round
 * trip, its deletion gives back a slot the model never took, so the count falls one short of the
 * models held until a {@link #resync}. Near the cap every registration waits for its slot first.
 *
 * <p>What it does not promise: a slot whose outcome stays unknown (the grid failed the insert, the
 * delete or the release with an indeterminate error, typically while a member crashes) stays taken,
 * so the cap may then refuse registrations that many models early, until {@link #resync}. It holds
 * within one cluster: after a network split each side counts on its own, and after the merge the
 * models of both sides are kept (up to twice max in the worst case).
 */
final class ModelSlots {

  static final String MAP_NAME = "model-slots";
  private static final String KEY = "models";
  private static final Logger LOG = LoggerFactory.getLogger(ModelSlots.class);

  private static final int MIN_HEADROOM = 32;

  private final IMap<String, Long> counts;
  private final GridCalls calls;
  private final int max;
  private final IntSupplier modelsKnown;
  /** This member's registrations sent beside their reservation and not yet answered. */
  private final AtomicInteger besideInFlight = new AtomicInteger();

  /**
   * @param modelsKnown how many models this member knows the cluster holds (its list index), or a
   *     negative number while it does not know
   */
  ModelSlots(IMap<String, Long> counts, GridCalls calls, int max, IntSupplier modelsKnown) {
    this.counts = counts;
    this.calls = calls;
    this.max = max;
    this.modelsKnown = modelsKnown;
  }

  /** How many slots must stay free, beyond the models known and in flight, to insert beside the reservation. */
  static int headroom(int max) {
    return Math.max(MIN_HEADROOM, max / 10);
  }

  /**
   * Like {@link #insertWithSlot}, but while the cap is far sends the insert at the same time as the
   * reservation. A registration then succeeds only if both did: an insert made while the reservation
   * was refused or failed is removed again with {@code undo} (a removal of exactly that incarnation),
   * and a slot taken for an insert that did not happen is given back.
   */
  <T> Future<T> insertBesideSlot(GridCalls.Deadline deadline, Supplier<CompletionStage<T>> insert,
      Predicate<T> inserted, Predicate<Throwable> notApplied, Supplier<CompletionStage<Boolean>> undo) {
    int known = modelsKnown.getAsInt();
    if (known < 0 || (long) known + besideInFlight.get() + headroom(max) > max) {
      return insertWithSlot(deadline, insert, inserted, notApplied);
    }
    if (deadline.remainingMillis() <= 0) {
      return GridCalls.translate(new TimeoutException("deadline passed before the reservation"));
    }
    besideInFlight.incrementAndGet();
    Future<Boolean> reservation = calls.start(() -> counts.submitToKey(KEY, new SlotProcessor.Reserve(max)));
    Future<T> attempt = calls.start(insert);
    Future<T> settled = Future.join(reservation, attempt)
        .transform(both -> settle(reservation, attempt, inserted, notApplied, undo))
        .onComplete(done -> besideInFlight.decrementAndGet());
    return calls.within(deadline, settled);
  }

  /** The outcome of a reservation and an insert sent side by side, once both answered. */
  private <T> Future<T> settle(Future<Boolean> reservation, Future<T> attempt, Predicate<T> inserted,
      Predicate<Throwable> notApplied, Supplier<CompletionStage<Boolean>> undo) {
    if (reservation.succeeded() && reservation.result()) {
      return settleTaken(attempt, inserted, notApplied);
    }
    Future<T> refusal = reservation.succeeded() ? Future.failedFuture(new RegistryException.RegistryFull(max))
        : Future.failedFuture(reservation.cause());
    if (reservation.failed()) {
      LOG.warn("A slot reservation's outcome is unknown ({}); it stays taken until a resync",
          reservation.cause().toString());
    }
    if (attempt.succeeded() && inserted.test(attempt.result())) {
      return calls.start(undo).transform(undone -> {
        if (undone.failed()) {
          LOG.warn("A model inserted without a slot could not be removed ({}); the registry may hold one model"
              + " past the cap", undone.cause().toString());
          return Future.failedFuture(undone.cause());
        }
        return refusal;
      });
    }
    if (attempt.failed() && !notApplied.test(attempt.cause())) {
      LOG.warn("An insert without a slot has an unknown outcome ({}); the registry may hold one model past"
          + " the cap", attempt.cause().toString());
      return attempt;
    }
    return refusal;
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
      return calls.within(deadline, attempt.transform(done -> settleTaken(attempt, inserted, notApplied)));
    });
  }

  /**
   * The completed {@code attempt} of an insert that holds a slot: the slot is given back when the
   * insert certainly did not happen, and stays taken when its outcome is unknown.
   */
  private <T> Future<T> settleTaken(Future<T> attempt, Predicate<T> inserted, Predicate<Throwable> notApplied) {
    if (attempt.succeeded()) {
      return inserted.test(attempt.result()) ? attempt : release().map(attempt.result());
    }
    if (notApplied.test(attempt.cause())) {
      return release().compose(released -> attempt);
    }
    LOG.warn("A registration's outcome is unknown ({}); its slot stays taken until a resync",
        attempt.cause().toString());
    return attempt;
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
