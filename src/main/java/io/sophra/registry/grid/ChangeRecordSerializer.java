package io.sophra.registry.grid;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sophra.registry.events.ChangeRecord;

/**
 * Stores a change log entry in Compact form, so a later registry version reads what an earlier one
 * wrote: the kind, type and key the feed filters on, and the event's JSON text.
 */
final class ChangeRecordSerializer implements CompactSerializer<ChangeRecord> {

  static final String TYPE_NAME = "io.sophra.registry.ChangeRecord";

  @Override
  public ChangeRecord read(CompactReader reader) {
    return new ChangeRecord(ChangeRecord.Kind.fromWire(reader.readString("kind")), reader.readString("type"),
        reader.readString("key"), reader.readString("payload"));
  }

  @Override
  public void write(CompactWriter writer, ChangeRecord record) {
    writer.writeString("kind", record.kind().wireName());
    writer.writeString("type", record.type());
    writer.writeString("key", record.key());
    writer.writeString("payload", record.payload());
  }

  @Override
  public String getTypeName() {
    return TYPE_NAME;
  }

  @Override
  public Class<ChangeRecord> getCompactClass() {
    return ChangeRecord.class;
  }
}
