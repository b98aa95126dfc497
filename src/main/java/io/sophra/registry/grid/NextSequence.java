package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.util.Map;

/** Takes the next number of a counter at its key's owner: 1, 2, 3, ... Backups replay the same step. */
final class NextSequence implements EntryProcessor<String, Long, Long>, IdentifiedDataSerializable {

  @Override
  public Long process(Map.Entry<String, Long> entry) {
    Long current = entry.getValue();
    long next = (current == null ? 0 : current) + 1;
    entry.setValue(next);
    return next;
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
    return GridSerialization.NEXT_SEQUENCE;
  }
}
