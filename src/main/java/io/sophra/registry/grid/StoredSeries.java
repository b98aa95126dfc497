package io.sophra.registry.grid;

import io.sophra.registry.metrics.MetricPoint;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One model's metric points as the grid keeps them: columns (name index, value, time, labels) sorted
 * by time (ties in arrival order), with each name and each distinct label set stored once, bound to
 * the model's {@code uid} so points of a deleted model never show under a model registered again with
 * the same id. The names may hold a few no longer used (an in-order append keeps them); any other
 * append compacts them. Immutable: an append makes a new one. About 24 bytes a point plus its labels' text.
 * Its arrays are never changed after construction (a final class, not a record: a record's equality
 * would compare the arrays by identity).
 */
final class StoredSeries {

  private final String modelUid;
  private final String[] names;
  private final int[] nameIndex;
  private final double[] values;
  private final long[] at;
  /** Each point's labels as compact JSON ({@code ""}: none). */
  private final String[] labels;

  StoredSeries(String modelUid, String[] names, int[] nameIndex, double[] values, long[] at, String[] labels) {
    this.modelUid = modelUid;
    this.names = names;
    this.nameIndex = nameIndex;
    this.values = values;
    this.at = at;
    this.labels = labels;
  }

  /** A point's place when merging: from the stored columns or from the appended list. */
  private record Source(boolean stored, int index, long at) {
  }

  static StoredSeries empty(String modelUid) {
    return new StoredSeries(modelUid, new String[0], new int[0], new double[0], new long[0], new String[0]);
  }

  int size() {
    return at.length;
  }

  String modelUid() {
    return modelUid;
  }

  String[] names() {
    return names;
  }

  int[] nameIndex() {
    return nameIndex;
  }

  double[] values() {
    return values;
  }

  long[] at() {
    return at;
  }

  String[] labels() {
    return labels;
  }

  /**
   * These points and {@code appended}, without any point older than {@code cutoffMillis}, keeping
   * the newest {@code maxPoints}. The usual append (points no older than the newest stored one, of
   * names seen before) copies the columns; any other merges and sorts them, and compacts the names.
   */
  StoredSeries append(List<MetricPoint> appended, long cutoffMillis, int maxPoints) {
    return inOrderOfKnownNames(appended) ? appendInOrder(appended, cutoffMillis, maxPoints)
        : merge(appended, cutoffMillis, maxPoints);
  }

  private boolean inOrderOfKnownNames(List<MetricPoint> appended) {
    long previous = size() == 0 ? Long.MIN_VALUE : at[size() - 1];
    for (MetricPoint point : appended) {
      long time = point.at().toEpochMilli();
      if (time < previous || indexOf(point.name()) < 0) {
        return false;
      }
      previous = time;
    }
    return true;
  }

  /** Appended points all at or after the newest stored one: the retained stored tail, then the new points. */
  private StoredSeries appendInOrder(List<MetricPoint> appended, long cutoffMillis, int maxPoints) {
    int fresh = 0;
    while (fresh < appended.size() && appended.get(fresh).at().toEpochMilli() < cutoffMillis) {
      fresh++;
    }
    int storedFrom = firstAtOrAfter(cutoffMillis);
    int total = size() - storedFrom + appended.size() - fresh;
    int drop = Math.max(0, total - maxPoints);
    int keptStored = Math.max(0, size() - storedFrom - drop);
    fresh += Math.max(0, drop - (size() - storedFrom));
    int length = keptStored + appended.size() - fresh;
    int[] newIndex = Arrays.copyOfRange(nameIndex, size() - keptStored, size() - keptStored + length);
    double[] newValues = Arrays.copyOfRange(values, size() - keptStored, size() - keptStored + length);
    long[] newAt = Arrays.copyOfRange(at, size() - keptStored, size() - keptStored + length);
    String[] newLabels = Arrays.copyOfRange(labels, size() - keptStored, size() - keptStored + length);
    for (int i = keptStored; i < length; i++) {
      MetricPoint point = appended.get(fresh + i - keptStored);
      newIndex[i] = indexOf(point.name());
      newValues[i] = point.value();
      newAt[i] = point.at().toEpochMilli();
      newLabels[i] = labelText(point);
    }
    return new StoredSeries(modelUid, names, newIndex, newValues, newAt, newLabels);
  }

  private int indexOf(String name) {
    for (int n = 0; n < names.length; n++) {
      if (names[n].equals(name)) {
        return n;
      }
    }
    return -1;
  }

  private static String labelText(MetricPoint point) {
    return point.labels().isEmpty() ? "" : new JsonObject(new LinkedHashMap<>(point.labels())).encode();
  }

  /** The general append: merged by time (stable: stored first, then in arrival order), names compacted. */
  private StoredSeries merge(List<MetricPoint> appended, long cutoffMillis, int maxPoints) {
    List<Source> merged = new ArrayList<>(size() + appended.size());
    for (int i = firstAtOrAfter(cutoffMillis); i < size(); i++) {
      merged.add(new Source(true, i, at[i]));
    }
    for (int i = 0; i < appended.size(); i++) {
      long time = appended.get(i).at().toEpochMilli();
      if (time >= cutoffMillis) {
        merged.add(new Source(false, i, time));
      }
    }
    merged.sort(Comparator.comparingLong(Source::at)); // stable: stored first, then in arrival order
    List<Source> kept = merged.subList(Math.max(0, merged.size() - maxPoints), merged.size());
    Map<String, Integer> dictionary = new LinkedHashMap<>();
    Map<String, String> labelTexts = new HashMap<>();
    int[] newIndex = new int[kept.size()];
    double[] newValues = new double[kept.size()];
    long[] newAt = new long[kept.size()];
    String[] newLabels = new String[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      Source source = kept.get(i);
      String name;
      String labelText;
      if (source.stored()) {
        name = names[nameIndex[source.index()]];
        newValues[i] = values[source.index()];
        labelText = labels[source.index()];
      } else {
        MetricPoint point = appended.get(source.index());
        name = point.name();
        newValues[i] = point.value();
        labelText = labelText(point);
      }
      newIndex[i] = dictionary.computeIfAbsent(name, key -> dictionary.size());
      newAt[i] = source.at();
      newLabels[i] = labelTexts.computeIfAbsent(labelText, text -> text);
    }
    return new StoredSeries(modelUid, dictionary.keySet().toArray(String[]::new), newIndex, newValues, newAt, newLabels);
  }

  /** The points named {@code name} (all names if empty) at or after {@code fromMillis}, oldest first, grouped by name. */
  Map<String, List<MetricPoint>> points(Optional<String> name, long fromMillis) {
    Map<String, List<MetricPoint>> byName = new TreeMap<>();
    for (int i = firstAtOrAfter(fromMillis); i < size(); i++) {
      String pointName = names[nameIndex[i]];
      if (name.isEmpty() || name.get().equals(pointName)) {
        byName.computeIfAbsent(pointName, key -> new ArrayList<>()).add(point(i));
      }
    }
    return byName;
  }

  /** The newest point of each name at or after {@code cutoffMillis}. */
  Map<String, MetricPoint> latest(long cutoffMillis) {
    Map<String, MetricPoint> latest = new TreeMap<>();
    for (int i = size() - 1; i >= 0 && at[i] >= cutoffMillis; i--) {
      latest.putIfAbsent(names[nameIndex[i]], point(i));
    }
    return latest;
  }

  /** The value of the newest point named {@code name} at or after {@code cutoffMillis}, or null. */
  Double latestValue(String name, long cutoffMillis) {
    int wanted = -1;
    for (int n = 0; n < names.length; n++) {
      if (names[n].equals(name)) {
        wanted = n;
        break;
      }
    }
    for (int i = size() - 1; wanted >= 0 && i >= 0 && at[i] >= cutoffMillis; i--) {
      if (nameIndex[i] == wanted) {
        return values[i];
      }
    }
    return null;
  }

  private MetricPoint point(int i) {
    Map<String, String> pointLabels = new TreeMap<>();
    if (!labels[i].isEmpty()) {
      new JsonObject(labels[i]).forEach(label -> pointLabels.put(label.getKey(), String.valueOf(label.getValue())));
    }
    return new MetricPoint(names[nameIndex[i]], values[i], Instant.ofEpochMilli(at[i]), pointLabels);
  }

  /** The first position whose time is at or after {@code millis} (binary search: times are sorted). */
  private int firstAtOrAfter(long millis) {
    int low = 0;
    int high = size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (at[mid] < millis) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
