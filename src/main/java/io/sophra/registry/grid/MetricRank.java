package io.sophra.registry.grid;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;

/** A model's id, uid and the last value of the metric being ordered by ({@link LatestValueProjection}). */
final class MetricRank implements IdentifiedDataSerializable {

  private String modelId;
  private String modelUid;
  private double value;

  MetricRank() {
  }

  MetricRank(String modelId, String modelUid, double value) {
    this.modelId = modelId;
    this.modelUid = modelUid;
    this.value = value;
  }

  String modelId() {
    return modelId;
  }

  String modelUid() {
    return modelUid;
  }

  double value() {
    return value;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(modelId);
    out.writeString(modelUid);
    out.writeDouble(value);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    modelId = in.readString();
    modelUid = in.readString();
    value = in.readDouble();
  }

  @Override
  public int getFactoryId() {
    return RolloutSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return RolloutSerialization.METRIC_RANK;
  }
}
