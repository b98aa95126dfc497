package io.sophra.registry.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sophra.registry.model.Timestamps;
import io.vertx.core.json.EncodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/** The one JSON form of audit entries: the HTTP API, the {@code audit} log lines and stores use it. */
public final class AuditJson {

  private static final JsonFactory LINES = new JsonFactory();

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

  /**
   * The {@code audit} log line of a successful change: exactly {@link #toJson}'s encoding with
   * {@code outcome} and {@code stored} added, written in one pass, the changes spliced in as the text
   * they were measured and stored as ({@link FieldChanges#json}) rather than built and encoded again.
   */
  static String successLine(AuditEntry entry, boolean stored) {
    StringWriter line = new StringWriter(512);
    try (JsonGenerator json = LINES.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("id", entry.id() == null ? null : entry.id().text());
      json.writeStringField("at", Timestamps.format(entry.at()));
      json.writeStringField("actor", entry.actor());
      json.writeArrayFieldStart("roles");
      for (String role : entry.roles()) {
        json.writeString(role);
      }
      json.writeEndArray();
      json.writeStringField("action", entry.action().wireName());
      json.writeStringField("modelId", entry.modelId());
      json.writeStringField("uid", entry.uid());
      json.writeNumberField("revision", entry.revision());
      if (entry.sequence().isPresent()) {
        json.writeNumberField("sequence", entry.sequence().getAsLong());
      } else {
        json.writeNullField("sequence");
      }
      json.writeFieldName("changes");
      json.writeRawValue(FieldChanges.of(entry.changes()).json());
      json.writeStringField("requestId", entry.requestId());
      json.writeStringField("outcome", "success");
      json.writeBooleanField("stored", stored);
      json.writeEndObject();
    } catch (IOException e) {
      throw new EncodeException("an audit line could not be written: " + e.getMessage());
    }
    return line.toString();
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
