package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Restores a model from a backup at its key's owner, as {@code ModelRegistry.restoreModel} says: an
 * absent key gets the model as it is (only when {@code mayInsert}, i.e. its caller holds a slot of the
 * cap; otherwise the outcome is NOT_FOUND and nothing is stored); a present key is left alone unless
 * overwriting, and then replaced, with the revision raised above the stored one when both share a uid.
 * Deterministic (the time comes with it), so backups replay it.
 */
final class RestoreProcessor implements EntryProcessor<String, ModelConfig, WriteOutcome>, IdentifiedDataSerializable {

  private ModelConfig model;
  private boolean overwrite;
  private boolean mayInsert;
  private long nowMillis;

  RestoreProcessor() {
  }

  RestoreProcessor(ModelConfig model, boolean overwrite, boolean mayInsert, Instant now) {
    this.model = model;
    this.overwrite = overwrite;
    this.mayInsert = mayInsert;
    this.nowMillis = Timestamps.truncate(now).toEpochMilli();
  }

  @Override
  public WriteOutcome process(Map.Entry<String, ModelConfig> entry) {
    ModelConfig current = entry.getValue();
    if (current == null) {
      if (!mayInsert) {
        return WriteOutcome.failed(RegistryException.Kind.NOT_FOUND, null);
      }
      entry.setValue(model);
      return WriteOutcome.done(null, model);
    }
    if (!overwrite || current.equals(model)) {
      return WriteOutcome.done(current, current);
    }
    ModelConfig restored = model;
    if (current.uid().equals(model.uid()) && model.revision() <= current.revision()) {
      restored = new ModelConfig(model.id(), model.baseModel(), model.version(), model.parameters(), model.metadata(),
          model.status(), model.createdAt(), Instant.ofEpochMilli(nowMillis), model.uid(), current.revision() + 1);
    }
    entry.setValue(restored);
    return WriteOutcome.done(current, restored);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeObject(model);
    out.writeBoolean(overwrite);
    out.writeBoolean(mayInsert);
    out.writeLong(nowMillis);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    model = in.readObject();
    overwrite = in.readBoolean();
    mayInsert = in.readBoolean();
    nowMillis = in.readLong();
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.RESTORE;
  }
}
