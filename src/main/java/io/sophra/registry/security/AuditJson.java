package io.sophra.registry.security;

import io.sophra.registry.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The one JSON form of audit entries: the HTTP API, the {@code audit} log lines and stores use it. */
public final class AuditJson {

  private AuditJson() {
  }

  public static JsonObject toJson(AuditEntry entry) {
    return new JsonObject()
        .put("id", entry.id() == null ? null : entry.id().text())
        .put("at", Timestamps.format(entry.at()))
        .put("actor", entry.actor())
        .put("roles", new JsonArray(entry.roles()))
        .put("action", entry.action().wireName())
        .put("modelId", entry.modelId())
        .put("uid", entry.uid())
        .put("revision", entry.revision())
        .put("sequence", entry.sequence().isPresent() ? entry.sequence().getAsLong() : null)
        .put("changes", changesJson(entry.changes()))
        .put("requestId", entry.requestId());
  }

  public static JsonArray changesJson(List<FieldChange> changes) {
    JsonArray array = new JsonArray();
    changes.forEach(change -> array.add(new JsonObject()
        .put("field", change.field())
        .put("old", change.oldValue())
        .put("new", change.newValue())));
    return array;
  }

  /**
   * What {@link #changesJson} wrote (stores keep the changes as this JSON text), read when first
   * looked at ({@link FieldChanges}): a member that only stores or backs up an entry never parses it.
   */
  public static List<FieldChange> changesFromJson(String json) {
    return FieldChanges.fromJson(json);
  }

  static List<FieldChange> parseChanges(String json) {
    return new JsonArray(json).stream().map(JsonObject.class::cast)
        .map(change -> new FieldChange(change.getString("field"), change.getValue("old"), change.getValue("new")))
        .toList();
  }
}
