package io.sophra.registry.grid;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.Map;

/**
 * Reads an entry at its key's owner, never from a Near Cache: the value the next write of that key
 * will see. Alias writes use it to check the variants' models under their locks, where a Near Cache
 * entry a few milliseconds stale could let an alias route to a model that just left {@code ready}.
 */
final class ReadCurrentProcessor<V> implements EntryProcessor<String, V, V>, ReadOnly, IdentifiedDataSerializable {

  @Override
  public V process(Map.Entry<String, V> entry) {
    return entry.getValue();
  }

  @Override
  public EntryProcessor<String, V, V> getBackupProcessor() {
    return null;
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
    return RolloutSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return RolloutSerialization.READ_CURRENT;
  }
}
