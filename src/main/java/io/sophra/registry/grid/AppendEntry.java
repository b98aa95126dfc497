package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.security.AuditEntry;
import java.io.IOException;
import java.util.Map;

/**
 * Stores an audit entry at its key's owner only if the key is absent, and answers whether it did.
 * Deterministic, so backups replay it.
 *
 * <p>No longer sent: this version appends with {@link AbsentPuts}. It stays registered so that a
 * member of this version can run the appends of members of the previous one during a rolling restart.
 */
final class AppendEntry implements EntryProcessor<String, AuditEntry, Boolean>, IdentifiedDataSerializable {

  private AuditEntry entry;

  AppendEntry() {
  }

  AppendEntry(AuditEntry entry) {
    this.entry = entry;
  }

  @Override
  public Boolean process(Map.Entry<String, AuditEntry> current) {
    if (current.getValue() != null) {
      return false;
    }
    current.setValue(entry);
    return true;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeObject(entry);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    entry = in.readObject();
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.APPEND_AUDIT_ENTRY;
  }
}
