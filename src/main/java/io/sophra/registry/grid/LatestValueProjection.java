package io.sophra.registry.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.projection.Projection;
import java.io.IOException;
import java.util.Map;

/**
 * Runs on every member over its own partitions of the metrics map (object format: no value is
 * deserialized) and sends back, per model having a retained point of one metric, only its id, its
 * uid and that metric's last value: what ordering models by the metric needs, a few dozen bytes a model.
 */
final class LatestValueProjection implements Projection<Map.Entry<String, StoredSeries>, MetricRank>,
    IdentifiedDataSerializable {

  private String name;
  private long cutoffMillis;

  LatestValueProjection() {
  }

  LatestValueProjection(String name, long cutoffMillis) {
    this.name = name;
    this.cutoffMillis = cutoffMillis;
  }

  @Override
  public MetricRank transform(Map.Entry<String, StoredSeries> entry) {
    Double value = entry.getValue().latestValue(name, cutoffMillis);
    return value == null ? null : new MetricRank(entry.getKey(), entry.getValue().modelUid(), value);
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(name);
    out.writeLong(cutoffMillis);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    name = in.readString();
    cutoffMillis = in.readLong();
  }

  @Override
  public int getFactoryId() {
    return RolloutSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return RolloutSerialization.LATEST_VALUE;
  }
}
