package io.sophra.registry.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.security.AuditEntry;
import java.io.IOException;
import java.util.Comparator;
import java.util.Map;

/**
 * The order of audit entries for a paging predicate, which the members apply to their own matches
 * before sending only a page: by key, whose fixed-width text ({@link io.sophra.registry.security.AuditId})
 * sorts by time, then by the unique number. Compares keys only, so no value is deserialized to sort.
 */
final class AuditOrder implements Comparator<Map.Entry<String, AuditEntry>>, IdentifiedDataSerializable {

  static final AuditOrder NEWEST_FIRST = new AuditOrder(true);
  static final AuditOrder OLDEST_FIRST = new AuditOrder(false);

  private boolean newestFirst;

  AuditOrder() {
  }

  private AuditOrder(boolean newestFirst) {
    this.newestFirst = newestFirst;
  }

  @Override
  public int compare(Map.Entry<String, AuditEntry> a, Map.Entry<String, AuditEntry> b) {
    int order = a.getKey().compareTo(b.getKey());
    return newestFirst ? -order : order;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeBoolean(newestFirst);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    newestFirst = in.readBoolean();
  }

  @Override
  public int getFactoryId() {
    return GridSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return GridSerialization.AUDIT_ORDER;
  }
}
