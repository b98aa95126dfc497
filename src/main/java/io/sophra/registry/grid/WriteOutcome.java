package io.sophra.registry.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.model.FieldError;
import io.sophra.registry.model.IllegalTransitionException;
import io.sophra.registry.model.InvalidModelException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.RegistryException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;

/**
 * What an entry processor decided at the key's owner. Failures travel as data, never as thrown
 * exceptions (which Hazelcast would send with Java serialization), and become typed exceptions at
 * the caller.
 */
final class WriteOutcome implements IdentifiedDataSerializable {

  enum Kind { DONE, NOT_FOUND, ALREADY_EXISTS, REVISION_MISMATCH, INVALID, ILLEGAL_TRANSITION }

  private Kind kind;
  private ModelConfig before;
  private ModelConfig after;
  private String detail;

  WriteOutcome() {
  }

  private WriteOutcome(Kind kind, ModelConfig before, ModelConfig after, String detail) {
    this.kind = kind;
    this.before = before;
    this.after = after;
    this.detail = detail;
  }

  static WriteOutcome done(ModelConfig before, ModelConfig after) {
    return new WriteOutcome(Kind.DONE, before, after, null);
  }

  static WriteOutcome failed(Kind kind, ModelConfig current, String detail) {
    return new WriteOutcome(kind, current, null, detail);
  }

  static WriteOutcome invalid(InvalidModelException e) {
    JsonArray errors = new JsonArray();
    e.errors().forEach(error -> errors.add(new JsonObject().put("pointer", error.pointer()).put("message", error.message())));
    return new WriteOutcome(Kind.INVALID, null, null, errors.encode());
  }

  static WriteOutcome illegalTransition(IllegalTransitionException e) {
    return new WriteOutcome(Kind.ILLEGAL_TRANSITION, null, null, e.from().wireName() + "," + e.to().wireName());
  }

  boolean done() {
    return kind == Kind.DONE;
  }

  /** The change this outcome made, or the typed failure it stands for. */
  Change toChange(String id, Change.Type type, String expectedEtag) {
    return switch (kind) {
      case DONE -> new Change(type, before, after);
      case NOT_FOUND -> throw new RegistryException.NotFound(id);
      case ALREADY_EXISTS -> throw new RegistryException.AlreadyExists(id);
      case REVISION_MISMATCH -> throw new RegistryException.RevisionMismatch(id, expectedEtag, before.etag());
      case INVALID -> throw new InvalidModelException(fieldErrors());
      case ILLEGAL_TRANSITION -> {
        String[] statuses = detail.split(",");
        throw new IllegalTransitionException(id, ModelStatus.fromWire(statuses[0]).orElseThrow(),
            ModelStatus.fromWire(statuses[1]).orElseThrow());
      }
    };
  }

  private List<FieldError> fieldErrors() {
    return new JsonArray(detail).stream().map(JsonObject.class::cast)
        .map(error -> new FieldError(error.getString("pointer"), error.getString("message"))).toList();
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeInt(kind.ordinal());
    out.writeObject(before);
    out.writeObject(after);
    out.writeString(detail);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    kind = Kind.values()[in.readInt()];
    before = in.readObject();
    after = in.readObject();
    detail = in.readString();
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
