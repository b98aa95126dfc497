package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Removes a model's series if it belongs to the incarnation {@code modelUid}: a late drop after the id
 * was registered again leaves the new model's points alone.
 */
final class MetricDropProcessor implements EntryProcessor<String, StoredSeries, Boolean>, IdentifiedDataSerializable {

  private String modelUid;

  MetricDropProcessor() {
  }

  MetricDropProcessor(String modelUid) {
    this.modelUid = modelUid;
  }

  @Override
  public Boolean process(Map.Entry<String, StoredSeries> entry) {
    StoredSeries current = entry.getValue();
    if (current == null || !current.modelUid().equals(modelUid)) {
      return false;
    }
    entry.setValue(null);
    return true;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(modelUid);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    modelUid = in.readString();
  }

  @Override
  public int getFactoryId() {
    return RolloutSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return RolloutSerialization.METRIC_DROP;
  }
}
