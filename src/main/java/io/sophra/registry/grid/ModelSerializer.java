package io.sophra.registry.grid;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.FieldKind;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelStatus;
import io.sophra.registry.model.StoredTree;
import java.time.Instant;
import java.util.Map;

/**
 * Stores a model in Hazelcast's Compact format: named, typed fields with a schema Hazelcast keeps,
 * so a later registry version can read what an earlier one wrote (a new field is read with a default
 * when absent), and queries filter on {@code id}, {@code baseModel} and {@code status} without
 * deserializing. {@code parameters} and {@code metadata} are stored as their compact JSON text, or,
 * when that is long and shrinks, in {@code parametersDeflated} / {@code metadataDeflated} as the text
 * deflated ({@link StoredTree}); a record written before those fields existed reads as text. The id,
 * base model and version read are interned: a member holds each model once in its Near Cache and once
 * as its list index's key ({@link ModelIndex}, which interns too), and base models and versions
 * repeat across models, so one string serves them all.
 */
final class ModelSerializer implements CompactSerializer<ModelConfig> {

  static final String TYPE_NAME = "io.sophra.registry.Model";
  private static final String PARAMETERS = "parameters";
  private static final String METADATA = "metadata";
  private static final String PARAMETERS_DEFLATED = "parametersDeflated";
  private static final String METADATA_DEFLATED = "metadataDeflated";

  @Override
  public ModelConfig read(CompactReader reader) {
    return new ModelConfig(
        reader.readString("id").intern(),
        reader.readString("baseModel").intern(),
        reader.readString("version").intern(),
        tree(reader, PARAMETERS, PARAMETERS_DEFLATED),
        tree(reader, METADATA, METADATA_DEFLATED),
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
    write(writer, PARAMETERS, PARAMETERS_DEFLATED, model.parameters());
    write(writer, METADATA, METADATA_DEFLATED, model.metadata());
    writer.writeString("status", model.status().wireName());
    writer.writeInt64("createdAt", model.createdAt().toEpochMilli());
    writer.writeInt64("updatedAt", model.updatedAt().toEpochMilli());
    writer.writeString("uid", model.uid());
    writer.writeInt64("revision", model.revision());
  }

  private static Map<String, Object> tree(CompactReader reader, String field, String deflatedField) {
    byte[] deflated = reader.getFieldKind(deflatedField) == FieldKind.ARRAY_OF_INT8
        ? reader.readArrayOfInt8(deflatedField) : null;
    return (deflated != null ? new StoredTree(null, deflated) : new StoredTree(reader.readString(field), null)).tree();
  }

  private static void write(CompactWriter writer, String field, String deflatedField, Map<String, Object> tree) {
    StoredTree stored = StoredTree.of(tree);
    writer.writeString(field, stored.text());
    writer.writeArrayOfInt8(deflatedField, stored.deflated());
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
