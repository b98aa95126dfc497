package io.sophra.registry.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.IllegalTransitionException;
import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.registry.Change;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an entry processor decided at the key's owner. Failures travel as typed fields, never as
 * thrown exceptions (which Hazelcast would send with Java serialization), and become the typed
 * {@link RegistryException} at the caller.
 */
final class WriteOutcome implements IdentifiedDataSerializable {

  private static final int DONE = -1;

  /** {@link RegistryException.Kind} ordinal, or {@link #DONE}. */
  private int failure = DONE;
  private ModelConfig before;
  private ModelConfig after;
  /** Invalid: pointer, message pairs. Illegal transition: from, to, then the allowed statuses. */
  private List<String> details = List.of();

  WriteOutcome() {
  }

  private WriteOutcome(int failure, ModelConfig before, ModelConfig after, List<String> details) {
    this.failure = failure;
    this.before = before;
    this.after = after;
    this.details = details;
  }

  static WriteOutcome done(ModelConfig before, ModelConfig after) {
    return new WriteOutcome(DONE, before, after, List.of());
  }

  static WriteOutcome failed(RegistryException.Kind kind, ModelConfig current) {
    return new WriteOutcome(kind.ordinal(), current, null, List.of());
  }

  static WriteOutcome invalid(InvalidModelException e) {
    List<String> details = new ArrayList<>();
    e.errors().forEach(error -> {
      details.add(error.pointer());
      details.add(error.message());
    });
    return new WriteOutcome(RegistryException.Kind.INVALID.ordinal(), null, null, details);
  }

  static WriteOutcome illegalTransition(IllegalTransitionException e) {
    List<String> details = new ArrayList<>(List.of(e.from(), e.to()));
    details.addAll(e.allowed());
    return new WriteOutcome(RegistryException.Kind.ILLEGAL_TRANSITION.ordinal(), null, null, details);
  }

  boolean done() {
    return failure == DONE;
  }

  /** Whether this outcome replaced a model with another revision of it. */
  boolean changed() {
    return done() && before != null && after != null && before != after;
  }

  /** The model stored (or kept) by an outcome done. */
  ModelConfig after() {
    return after;
  }

  /** Whether this outcome stored a model under a key that had none. */
  boolean inserted() {
    return done() && before == null && after != null;
  }

  /** Whether the processor found no model and was not allowed to insert one ({@link RestoreProcessor}). */
  boolean absent() {
    return failure == RegistryException.Kind.NOT_FOUND.ordinal() && before == null;
  }

  /** The change this outcome made, or the typed failure it stands for. */
  Change toChange(String id, Change.Type type, String expectedEtag) {
    if (done()) {
      return new Change(type, before, after);
    }
    throw switch (RegistryException.Kind.values()[failure]) {
      case NOT_FOUND -> new RegistryException.NotFound(id);
      case ALREADY_EXISTS -> new RegistryException.AlreadyExists(id);
      case REVISION_MISMATCH -> new RegistryException.RevisionMismatch(id, expectedEtag, before.etag());
      case INVALID -> new InvalidModelException(fieldErrors());
      case ILLEGAL_TRANSITION -> new IllegalTransitionException(id, details.get(0), details.get(1),
          details.subList(2, details.size()));
      case REGISTRY_FULL, FORBIDDEN, UNAVAILABLE, IN_USE_BY_ALIAS, VARIANT_NOT_READY, NO_READY_VARIANT, NO_QUORUM,
          GONE ->
          throw new IllegalStateException("an entry processor never decides " + failure);
    };
  }

  private List<FieldError> fieldErrors() {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i + 1 < details.size(); i += 2) {
      errors.add(new FieldError(details.get(i), details.get(i + 1)));
    }
    return errors;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(failure);
    out.writeObject(before);
    out.writeObject(after);
    out.writeStringArray(details.toArray(String[]::new));
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    failure = in.readInt();
    before = in.readObject();
    after = in.readObject();
    details = List.of(in.readStringArray());
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.OUTCOME;
  }
}
