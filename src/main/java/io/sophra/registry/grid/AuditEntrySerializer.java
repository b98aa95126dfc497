package io.sophra.registry.grid;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sophra.registry.security.AuditAction;
import io.sophra.registry.security.AuditEntry;
import io.sophra.registry.security.AuditId;
import io.sophra.registry.security.AuditJson;
import io.sophra.registry.security.FieldChanges;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * Stores an audit entry in Compact form, so a later registry version reads what an earlier one wrote,
 * and the audit queries filter on {@code modelId}, {@code actor}, {@code action} and {@code at} through
 * indexes without deserializing. The id (also the map key) is kept as its text, the changes as their
 * JSON text. Fields added later are read only when the entry's schema has them ({@code sequence}, the
 * change log's number, which only entries of earlier versions carry, but still written, as null, so a
 * member of an earlier version reads new entries during a rolling restart; {@code requestId}), so
 * entries written by an earlier version still read.
 */
final class AuditEntrySerializer implements CompactSerializer<AuditEntry> {

  static final String TYPE_NAME = "io.sophra.registry.AuditEntry";
  static final String SEQUENCE = "sequence";
  /** Added after the first release: entries written before it have no such field and read as {@code null}. */
  static final String REQUEST_ID = "requestId";

  @Override
  public AuditEntry read(CompactReader reader) {
    String[] roles = reader.readArrayOfString("roles");
    return new AuditEntry(
        AuditId.parse(reader.readString("id")).orElse(null),
        Instant.ofEpochMilli(reader.readInt64("at")),
        reader.readString("actor"),
        roles == null ? List.of() : List.of(roles),
        AuditAction.fromWire(reader.readString("action")).orElse(AuditAction.UPDATE),
        reader.readString("modelId"),
        reader.readString("uid"),
        reader.readInt64("revision"),
        AuditJson.changesFromJson(reader.readString("changes")),
        sequence(reader), reader.getFieldKind(REQUEST_ID) == FieldKind.STRING ? reader.readString(REQUEST_ID) : null);
  }

  private static OptionalLong sequence(CompactReader reader) {
    if (reader.getFieldKind(SEQUENCE) != FieldKind.NULLABLE_INT64) {
      return OptionalLong.empty();
    }
    Long sequence = reader.readNullableInt64(SEQUENCE);
    return sequence == null ? OptionalLong.empty() : OptionalLong.of(sequence);
  }

  @Override
  public void write(CompactWriter writer, AuditEntry entry) {
    writer.writeString("id", entry.id() == null ? null : entry.id().text());
    writer.writeInt64("at", entry.at().toEpochMilli());
    writer.writeString("actor", entry.actor());
    writer.writeArrayOfString("roles", entry.roles().toArray(String[]::new));
    writer.writeString("action", entry.action().wireName());
    writer.writeString("modelId", entry.modelId());
    writer.writeString("uid", entry.uid());
    writer.writeInt64("revision", entry.revision());
    writer.writeString("changes", FieldChanges.of(entry.changes()).json());
    writer.writeNullableInt64(SEQUENCE, entry.sequence().isPresent() ? entry.sequence().getAsLong() : null);
    writer.writeString(REQUEST_ID, entry.requestId());
  }

  @Override
  public String getTypeName() {
    return TYPE_NAME;
  }

  @Override
  public Class<AuditEntry> getCompactClass() {
    return AuditEntry.class;
  }
}
