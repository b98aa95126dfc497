package io.sophra.registry.grid;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/** Stores a model's metric points in Compact form: the series' columns as arrays, readable by a later version. */
final class StoredSeriesSerializer implements CompactSerializer<StoredSeries> {

  static final String TYPE_NAME = "io.sophra.registry.MetricSeries";

  @Override
  public StoredSeries read(CompactReader reader) {
    return new StoredSeries(reader.readString("modelUid"), reader.readArrayOfString("names"),
        reader.readArrayOfInt32("nameIndex"), reader.readArrayOfFloat64("values"), reader.readArrayOfInt64("at"),
        reader.readArrayOfString("labels"));
  }

  @Override
  public void write(CompactWriter writer, StoredSeries series) {
    writer.writeString("modelUid", series.modelUid());
    writer.writeArrayOfString("names", series.names());
    writer.writeArrayOfInt32("nameIndex", series.nameIndex());
    writer.writeArrayOfFloat64("values", series.values());
    writer.writeArrayOfInt64("at", series.at());
    writer.writeArrayOfString("labels", series.labels());
  }

  @Override
  public String getTypeName() {
    return TYPE_NAME;
  }

  @Override
  public Class<StoredSeries> getCompactClass() {
    return StoredSeries.class;
  }
}
