package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/** Atomic changes of the cluster-wide count of registered models, at the count key's owner. */
abstract class SlotProcessor implements EntryProcessor<String, Long, Boolean>, IdentifiedDataSerializable {

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  static long count(Map.Entry<String, Long> entry) {
    Long value = entry.getValue();
    return value == null ? 0 : value;
  }

  /** Takes one slot if fewer than {@code max} are taken; answers whether it did. */
  static final class Reserve extends SlotProcessor {
    private int max;

    Reserve() {
    }

    Reserve(int max) {
      this.max = max;
    }

    @Override
    public Boolean process(Map.Entry<String, Long> entry) {
      long taken = count(entry);
      if (taken >= max) {
        return false;
      }
      entry.setValue(taken + 1);
      return true;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
      out.writeInt(max);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
      max = in.readInt();
    }

    @Override
    public int getClassId() {
      return GridSerialization.RESERVE_SLOT;
    }
  }

  /** Gives one slot back. */
  static final class Release extends SlotProcessor {

    @Override
    public Boolean process(Map.Entry<String, Long> entry) {
      entry.setValue(Math.max(0, count(entry) - 1));
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
    public int getClassId() {
      return GridSerialization.RELEASE_SLOT;
    }
  }
}
