package io.sophra.registry.grid;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Every class the registry sends through Hazelcast, none by Java serialization: stored models, audit
 * entries and change log entries in Compact form ({@link ModelSerializer}, {@link AuditEntrySerializer},
 * {@link ChangeRecordSerializer}), entry
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
  // 7 was the audit sequence counter, gone since audit keys are Flake IDs: never reuse it
  static final int REWRITE = 8;
  static final int APPEND_AUDIT_ENTRY = 9;
  static final int AUDIT_ORDER = 10;
  static final int MERGE_POLICY = 11;
  static final int REMOVE_INCARNATION = 12;
  static final int SET_MODEL_BACKUP = 13;
  // from 20 on: backup and restore
  static final int RESTORE = 20;

  /**
   * Registers the Compact schema of {@code sample}'s type with the cluster now, on the calling
   * (worker) thread: the first serialization of a schema waits until every member has it (measured
   * at over a second on a loaded machine), which must never happen on the event loop of the first
   * write. Members that join later receive the known schemas as they join.
   */
  static void publishSchema(HazelcastInstance hazelcast, Object sample) {
    if (hazelcast instanceof SerializationServiceSupport support) {
      support.getSerializationService().toData(sample);
    }
  }

  static void register(SerializationConfig config) {
    config.addDataSerializableFactory(FACTORY_ID, new GridSerialization());
    config.getCompactSerializationConfig().addSerializer(new ModelSerializer());
    config.getCompactSerializationConfig().addSerializer(new AuditEntrySerializer());
    config.getCompactSerializationConfig().addSerializer(new ChangeRecordSerializer());
    RolloutSerialization.register(config);
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
      case REWRITE -> new RewriteProcessor();
      case APPEND_AUDIT_ENTRY -> new AppendEntry();
      case AUDIT_ORDER -> new AuditOrder();
      case MERGE_POLICY -> new RevisionMergePolicy();
      case REMOVE_INCARNATION -> new RemoveIncarnation();
      case SET_MODEL_BACKUP -> new SetModelBackup<>();
      case RESTORE -> new RestoreProcessor();
      default -> null;
    };
  }
}
