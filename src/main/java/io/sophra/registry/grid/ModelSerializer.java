package io.sophra.registry.grid;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sophra.registry.model.JsonTree;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import java.time.Instant;

/**
 * Stores a model in Hazelcast's Compact format: named, typed fields with a schema Hazelcast keeps,
 * so a later registry version can read what an earlier one wrote (a new field is read with a default
 * when absent), and queries filter on {@code id}, {@code baseModel} and {@code status} without
 * deserializing. {@code parameters} and {@code metadata} are stored as their compact JSON text.
 */
final class ModelSerializer implements CompactSerializer<ModelConfig> {

  static final String TYPE_NAME = "io.sophra.registry.Model";

  @Override
  public ModelConfig read(CompactReader reader) {
    return new ModelConfig(
        reader.readString("id"),
        reader.readString("baseModel"),
        reader.readString("version"),
        JsonTree.fromText(reader.readString("parameters")),
        JsonTree.fromText(reader.readString("metadata")),
        ModelStatus.fromWire(reader.readString("status")).orElse(ModelStatus.ERROR),
        Instant.ofEpochMilli(reader.readInt64("createdAt")),
        Instant.ofEpochMilli(reader.readInt64("updatedAt")),
        reader.readString("uid"),
        reader.readInt64("revision"));
  }

  @Override
  public void write(CompactWriter writer, ModelConfig model) {
    writer.writeString("id", model.id());
    writer.writeString("baseModel", model.baseModel());
    writer.writeString("version", model.version());
    writer.writeString("parameters", JsonTree.toText(model.parameters()));
    writer.writeString("metadata", JsonTree.toText(model.metadata()));
    writer.writeString("status", model.status().wireName());
    writer.writeInt64("createdAt", model.createdAt().toEpochMilli());
    writer.writeInt64("updatedAt", model.updatedAt().toEpochMilli());
    writer.writeString("uid", model.uid());
    writer.writeInt64("revision", model.revision());
  }

  @Override
  public String getTypeName() {
    return TYPE_NAME;
  }

  @Override
  public Class<ModelConfig> getCompactClass() {
    return ModelConfig.class;
  }
}
