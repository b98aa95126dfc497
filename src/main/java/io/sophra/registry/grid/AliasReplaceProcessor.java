package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.alias.Alias;
import java.io.IOException;
import java.util.Map;

/**
 * Compare-and-set of one alias at its key's owner: sets {@code next} (removes the alias when it is
 * null) only if the alias is still the revision the writer read ({@code expectedEtag}; null: still
 * absent), and answers whether it did. The writer holds the alias's lock, so this only ever fails if
 * the lock's lease ran out mid-write; it keeps even that case from losing an update.
 */
final class AliasReplaceProcessor implements EntryProcessor<String, Alias, Boolean>, IdentifiedDataSerializable {

  private String expectedEtag;
  private Alias next;

  AliasReplaceProcessor() {
  }

  AliasReplaceProcessor(String expectedEtag, Alias next) {
    this.expectedEtag = expectedEtag;
    this.next = next;
  }

  @Override
  public Boolean process(Map.Entry<String, Alias> entry) {
    Alias current = entry.getValue();
    String currentEtag = current == null ? null : current.etag();
    if (expectedEtag == null ? currentEtag != null : !expectedEtag.equals(currentEtag)) {
      return false;
    }
    entry.setValue(next);
    return true;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(expectedEtag);
    out.writeObject(next);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    expectedEtag = in.readString();
    next = in.readObject();
  }

  @Override
  public int getFactoryId() {
    return RolloutSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return RolloutSerialization.ALIAS_REPLACE;
  }
}
