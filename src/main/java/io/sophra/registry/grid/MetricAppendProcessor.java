package io.sophra.registry.grid;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.sophra.registry.metrics.MetricPoint;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends points to a model's series at its key's owner, dropping what the retention no longer
 * allows, and answers how many of the appended points were expired on arrival. A series of another
 * incarnation of the model (another {@code uid}) is replaced, never extended. The clock value travels
 * with the processor, so a backup replaying it keeps exactly the same points.
 */
final class MetricAppendProcessor implements EntryProcessor<String, StoredSeries, Integer>, IdentifiedDataSerializable {

  private String modelUid;
  private String[] names;
  private double[] values;
  private long[] at;
  private String[] labels;
  private long nowMillis;
  private long retentionMillis;
  private int maxPoints;

  MetricAppendProcessor() {
  }

  MetricAppendProcessor(String modelUid, List<MetricPoint> points, Instant now, long retentionMillis, int maxPoints) {
    this.modelUid = modelUid;
    this.names = points.stream().map(MetricPoint::name).toArray(String[]::new);
    this.values = points.stream().mapToDouble(MetricPoint::value).toArray();
    this.at = points.stream().mapToLong(point -> point.at().toEpochMilli()).toArray();
    this.labels = points.stream().map(point -> point.labels().isEmpty() ? ""
        : new JsonObject(new LinkedHashMap<>(point.labels())).encode()).toArray(String[]::new);
    this.nowMillis = now.toEpochMilli();
    this.retentionMillis = retentionMillis;
    this.maxPoints = maxPoints;
  }

  @Override
  public Integer process(Map.Entry<String, StoredSeries> entry) {
    StoredSeries current = entry.getValue();
    StoredSeries series = current != null && current.modelUid().equals(modelUid) ? current : StoredSeries.empty(modelUid);
    long cutoff = nowMillis - retentionMillis;
    List<MetricPoint> points = new ArrayList<>(names.length);
    int expired = 0;
    for (int i = 0; i < names.length; i++) {
      expired += at[i] < cutoff ? 1 : 0;
      points.add(new MetricPoint(names[i], values[i], Instant.ofEpochMilli(at[i]), labels(labels[i])));
    }
    entry.setValue(series.append(points, cutoff, maxPoints));
    return expired;
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> map = new TreeMap<>();
    if (!text.isEmpty()) {
      new JsonObject(text).forEach(label -> map.put(label.getKey(), String.valueOf(label.getValue())));
    }
    return map;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeString(modelUid);
    out.writeStringArray(names);
    out.writeDoubleArray(values);
    out.writeLongArray(at);
    out.writeStringArray(labels);
    out.writeLong(nowMillis);
    out.writeLong(retentionMillis);
    out.writeInt(maxPoints);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    modelUid = in.readString();
    names = in.readStringArray();
    values = in.readDoubleArray();
    at = in.readLongArray();
    labels = in.readStringArray();
    nowMillis = in.readLong();
    retentionMillis = in.readLong();
    maxPoints = in.readInt();
  }

  @Override
  public int getFactoryId() {
    return RolloutSerialization.FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return RolloutSerialization.METRIC_APPEND;
  }
}
