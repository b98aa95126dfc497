package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.model.ModelConfig;
import java.io.IOException;
import java.util.Map;

/**
 * Removes a model at its key's owner only if it is still the incarnation ({@code uid}) named, so a
 * model registered again under the same id in the meantime is left alone. Used by {@link AfterMerge},
 * and to take back a registration's insert whose slot was refused ({@link ModelSlots#insertBesideSlot}).
 */
final class RemoveIncarnation implements EntryProcessor<String, ModelConfig, Boolean>, IdentifiedDataSerializable {

  private String uid;

  RemoveIncarnation() {
  }

  RemoveIncarnation(String uid) {
    this.uid = uid;
  }

  @Override
  public Boolean process(Map.Entry<String, ModelConfig> entry) {
    ModelConfig current = entry.getValue();
    if (current == null || !current.uid().equals(uid)) {
      return false;
    }
    entry.setValue(null);
    return true;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(uid);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    uid = in.readString();
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.REMOVE_INCARNATION;
  }
}
