package io.sophra.registry.grid;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Every class the registry sends through Hazelcast, none by Java serialization: stored models and
 * audit entries in Compact form ({@link ModelSerializer}, {@link AuditEntrySerializer}), entry
 * processors and their outcomes as {@link IdentifiedDataSerializable} (they live only for one call, so need no schema evolution).
 */
final class GridSerialization implements DataSerializableFactory {

  static final int FACTORY_ID = 7301;
  static final int REGISTER = 1;
  static final int UPDATE = 2;
  static final int DELETE = 3;
  static final int OUTCOME = 4;
  static final int RESERVE_SLOT = 5;
  static final int RELEASE_SLOT = 6;
  static final int NEXT_SEQUENCE = 7;
  static final int REWRITE = 8;
  static final int MERGE_POLICY = 9;
  static final int REMOVE_INCARNATION = 10;

  static void register(SerializationConfig config) {
    config.addDataSerializableFactory(FACTORY_ID, new GridSerialization());
    config.getCompactSerializationConfig().addSerializer(new ModelSerializer());
    config.getCompactSerializationConfig().addSerializer(new AuditEntrySerializer());
  }

  @Override
  public IdentifiedDataSerializable create(int typeId) {
    return switch (typeId) {
      case REGISTER -> new RegisterProcessor();
      case UPDATE -> new UpdateProcessor();
      case DELETE -> new DeleteProcessor();
      case OUTCOME -> new WriteOutcome();
      case RESERVE_SLOT -> new SlotProcessor.Reserve();
      case RELEASE_SLOT -> new SlotProcessor.Release();
      case NEXT_SEQUENCE -> new NextSequence();
      case REWRITE -> new RewriteProcessor();
      case MERGE_POLICY -> new RevisionMergePolicy();
      case REMOVE_INCARNATION -> new RemoveIncarnation();
      default -> null;
    };
  }
}
