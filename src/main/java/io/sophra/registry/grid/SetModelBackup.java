package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.model.ModelConfig;
import java.io.IOException;
import java.util.Map;

/**
 * The backup of a model write whose result the owner has computed: sets that model, as it is, on the
 * backup replica. A backup running the write's own processor again would parse, merge and check the
 * patch a second time, which cost as much as the owner's run; shipping the result costs one encoding
 * of the model, and the replicas hold the same value by construction. A backup's answer goes nowhere,
 * so it answers {@code null} of whatever type the write's own processor answers ({@code R}).
 */
final class SetModelBackup<R> implements EntryProcessor<String, ModelConfig, R>, IdentifiedDataSerializable {

  private ModelConfig model;

  SetModelBackup() {
  }

  SetModelBackup(ModelConfig model) {
    this.model = model;
  }

  @Override
  public R process(Map.Entry<String, ModelConfig> entry) {
    entry.setValue(model);
    return null;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeObject(model);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    model = in.readObject();
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.SET_MODEL_BACKUP;
  }
}
