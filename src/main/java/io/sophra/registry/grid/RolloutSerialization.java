package io.sophra.registry.grid;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * The grid classes of aliases and metrics, none by Java serialization: stored aliases and metric
 * series in Compact form, processors, projections and their results as
 * {@link IdentifiedDataSerializable} under a factory of their own (so {@link GridSerialization}'s
 * ids stay the models'). Registered by {@link GridSerialization#register}.
 */
final class RolloutSerialization implements DataSerializableFactory {

  static final int FACTORY_ID = 7302;
  static final int ALIAS_REPLACE = 1;
  static final int READ_CURRENT = 2;
  static final int METRIC_APPEND = 3;
  static final int METRIC_DROP = 4;
  static final int LATEST_VALUE = 5;
  static final int METRIC_RANK = 6;

  static void register(SerializationConfig config) {
    config.addDataSerializableFactory(FACTORY_ID, new RolloutSerialization());
    config.getCompactSerializationConfig().addSerializer(new AliasSerializer());
    config.getCompactSerializationConfig().addSerializer(new StoredSeriesSerializer());
  }

  @Override
  public IdentifiedDataSerializable create(int typeId) {
    return switch (typeId) {
      case ALIAS_REPLACE -> new AliasReplaceProcessor();
      case READ_CURRENT -> new ReadCurrentProcessor<>();
      case METRIC_APPEND -> new MetricAppendProcessor();
      case METRIC_DROP -> new MetricDropProcessor();
      case LATEST_VALUE -> new LatestValueProjection();
      case METRIC_RANK -> new MetricRank();
      default -> null;
    };
  }
}
