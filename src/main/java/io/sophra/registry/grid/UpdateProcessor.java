package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.Etags;
import io.sophra.registry.failure.IllegalTransitionException;
import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelPatch;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Applies a merge patch at the key's owner: checks the expected ETag, the model's rules and the
 * status lifecycle against the current value, then stores the next revision. A patch that changes
 * nothing stores nothing. The backup replica is given the stored revision itself
 * ({@link #getBackupProcessor}), not the patch to merge again.
 */
final class UpdateProcessor implements EntryProcessor<String, ModelConfig, WriteOutcome>, IdentifiedDataSerializable {

  /** The patch's text where this processor arrived (null on the member that sends it, which holds {@link #parsed}). */
  private String patch;
  private String ifMatch;
  private long nowMillis;
  /** The patch as the caller gave it, on the member that sends this processor; encoded only if it is sent. */
  private transient JsonObject parsed;
  /** The model this run stored, at the owner: what its backup sets (null before the run, or if nothing changed). */
  private transient ModelConfig written;

  UpdateProcessor() {
  }

  UpdateProcessor(JsonObject patch, String ifMatch, Instant now) {
    this.parsed = patch;
    this.ifMatch = ifMatch;
    this.nowMillis = now.toEpochMilli();
  }

  @Override
  public WriteOutcome process(Map.Entry<String, ModelConfig> entry) {
    WriteOutcome outcome = applyTo(entry.getValue());
    if (outcome.changed()) {
      written = outcome.after();
      entry.setValue(written);
    }
    return outcome;
  }

  /**
   * What this update makes of {@code current}, the one rule for the owner ({@link #process}) and for
   * a member deciding it from its Near Cache copy, which then stores the result only if the owner
   * still holds that copy ({@link DirectWrites#replace}): a failure, the current model unchanged, or the next
   * revision.
   */
  WriteOutcome applyTo(ModelConfig current) {
    if (current == null) {
      return WriteOutcome.failed(RegistryException.Kind.NOT_FOUND, null);
    }
    if (ifMatch != null && !Etags.matches(ifMatch, current.etag())) {
      return WriteOutcome.failed(RegistryException.Kind.REVISION_MISMATCH, current);
    }
    ModelDraft draft;
    try {
      draft = ModelPatch.apply(current, parsed != null ? parsed : new JsonObject(patch));
    } catch (InvalidModelException e) {
      return WriteOutcome.invalid(e);
    } catch (IllegalTransitionException e) {
      return WriteOutcome.illegalTransition(e);
    }
    if (current.holds(draft)) {
      return WriteOutcome.done(current, current);
    }
    return WriteOutcome.done(current, current.next(draft, Instant.ofEpochMilli(nowMillis)).encodedOnce());
  }

  /**
   * The backup sets the model this run computed ({@link SetModelBackup}) rather than merging the
   * patch again; a run that stored nothing (a failure, a patch that changed nothing) has no backup.
   * Hazelcast asks for it at the owner after {@link #process}.
   */
  @Override
  public EntryProcessor<String, ModelConfig, WriteOutcome> getBackupProcessor() {
    return written == null ? null : new SetModelBackup<>(written);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(parsed != null ? parsed.encode() : patch);
    out.writeString(ifMatch);
    out.writeLong(nowMillis);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    patch = in.readString();
    ifMatch = in.readString();
    nowMillis = in.readLong();
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.UPDATE;
  }
}
