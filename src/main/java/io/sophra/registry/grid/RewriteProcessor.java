package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.model.ModelConfig;
import java.util.Map;

/**
 * Sets a present model to itself at its key's owner: the model does not change (same revision, same
 * ETag), but a write-through store is handed the grid's value again. Used by {@link StoreRepairs}.
 */
final class RewriteProcessor implements EntryProcessor<String, ModelConfig, Boolean>, IdentifiedDataSerializable {

  @Override
  public Boolean process(Map.Entry<String, ModelConfig> entry) {
    ModelConfig current = entry.getValue();
    if (current == null) {
      return false;
    }
    entry.setValue(current);
    return true;
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // no state
  }

  @Override
  public void readData(ObjectDataInput in) {
    // no state
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.REWRITE;
  }
}
