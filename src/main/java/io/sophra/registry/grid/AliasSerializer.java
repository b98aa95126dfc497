package io.sophra.registry.grid;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.Variant;
import io.sophra.registry.model.ModelId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores an alias in Compact form (named, typed fields with a schema Hazelcast keeps, so a later
 * registry version reads what an earlier one wrote). The variants are two parallel arrays, so queries
 * find the aliases routing to a model ({@code variantModels[any]}, indexed) without deserializing.
 */
final class AliasSerializer implements CompactSerializer<Alias> {

  static final String TYPE_NAME = "io.sophra.registry.Alias";
  static final String VARIANT_MODELS = "variantModels";

  @Override
  public Alias read(CompactReader reader) {
    String[] models = reader.readArrayOfString(VARIANT_MODELS);
    int[] weights = reader.readArrayOfInt32("variantWeights");
    List<Variant> variants = new ArrayList<>(models.length);
    for (int i = 0; i < models.length; i++) {
      variants.add(new Variant(new ModelId(models[i]), weights[i]));
    }
    return new Alias(
        reader.readString("name"),
        variants,
        reader.readString("salt"),
        reader.readString("description"),
        Instant.ofEpochMilli(reader.readInt64("createdAt")),
        Instant.ofEpochMilli(reader.readInt64("updatedAt")),
        reader.readString("uid"),
        reader.readInt64("revision"));
  }

  @Override
  public void write(CompactWriter writer, Alias alias) {
    writer.writeString("name", alias.name());
    writer.writeArrayOfString(VARIANT_MODELS, alias.variants().stream().map(v -> v.modelId().value()).toArray(String[]::new));
    writer.writeArrayOfInt32("variantWeights", alias.variants().stream().mapToInt(Variant::weight).toArray());
    writer.writeString("salt", alias.salt());
    writer.writeString("description", alias.description());
    writer.writeInt64("createdAt", alias.createdAt().toEpochMilli());
    writer.writeInt64("updatedAt", alias.updatedAt().toEpochMilli());
    writer.writeString("uid", alias.uid());
    writer.writeInt64("revision", alias.revision());
  }

  @Override
  public String getTypeName() {
    return TYPE_NAME;
  }

  @Override
  public Class<Alias> getCompactClass() {
    return Alias.class;
  }
}
