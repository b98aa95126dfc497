package io.sophra.registry.events;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.Timestamps;
import io.sophra.registry.registry.Change;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The payload published on {@link EventAddresses#MODELS_CHANGED}, one per stored change. On the wire
 * it is a plain {@code JsonObject}, so a subscriber needs none of the registry's classes:
 *
 * <pre>{"sequence":812,"type":"updated","id":"m1","uid":"…","revision":3,"status":"ready",
 *  "previousStatus":"training","actor":"ml-pipeline","at":"2025-01-01T12:00:00.000Z"}</pre>
 *
 * <p>Per ({@code id}, {@code uid}) the revisions of the events are exactly 1, 2, 3, …: a registration
 * is revision 1, each update the revision it stored, and a deletion one past the last stored
 * revision. So a gap in the revisions means a missed event, and a new {@code uid} for an id means a
 * new model (deleted and registered again). {@code status} is the model's status after the change
 * (for a deletion, the status it had); {@code previousStatus} is present only when an update changed
 * the status. {@code actor} is the subject of the caller who made the change; {@code at} is when it
 * was made (UTC, milliseconds). {@code sequence} is the change's number in the cluster's change log
 * ({@link ChangeLog}): one number per change of any model or alias, increasing in the order the changes
 * were logged; absent only in a payload made before the change was logged.
 */
public record ModelEvent(Type type, String id, String uid, long revision, String status,
    Optional<String> previousStatus, String actor, Instant at, OptionalLong sequence) {

  /** What happened to the model. */
  public enum Type {
    REGISTERED, UPDATED, DELETED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
      return wireName;
    }

    static Type fromWire(String wireName) {
      for (Type type : values()) {
        if (type.wireName.equals(wireName)) {
          return type;
        }
      }
      throw new IllegalArgumentException("unknown event type '" + wireName + "'");
    }
  }

  public static final String TYPE = "type";
  public static final String ID = "id";
  public static final String UID = "uid";
  public static final String REVISION = "revision";
  public static final String STATUS = "status";
  public static final String PREVIOUS_STATUS = "previousStatus";
  public static final String ACTOR = "actor";
  public static final String AT = "at";
  public static final String SEQUENCE = "sequence";

  public ModelEvent {
    Objects.requireNonNull(type, TYPE);
    Objects.requireNonNull(id, ID);
    Objects.requireNonNull(uid, UID);
    Objects.requireNonNull(status, STATUS);
    Objects.requireNonNull(previousStatus, PREVIOUS_STATUS);
    Objects.requireNonNull(actor, ACTOR);
    Objects.requireNonNull(at, AT);
    Objects.requireNonNull(sequence, SEQUENCE);
  }

  /** The event of a stored change made by {@code actor}, with the change's sequence when it has one. */
  public static ModelEvent of(Change change, String actor, Instant now) {
    ModelEvent event = unsequenced(change, actor, now);
    return change.sequence().isPresent() ? event.withSequence(change.sequence().getAsLong()) : event;
  }

  /** This event with the sequence the change log gave its change. */
  public ModelEvent withSequence(long assigned) {
    return new ModelEvent(type, id, uid, revision, status, previousStatus, actor, at, OptionalLong.of(assigned));
  }

  /** {@code now} dates a deletion. */
  private static ModelEvent unsequenced(Change change, String actor, Instant now) {
    ModelConfig before = change.before();
    ModelConfig after = change.after();
    return switch (change.type()) {
      case REGISTERED -> new ModelEvent(Type.REGISTERED, after.id(), after.uid(), after.revision(),
          after.status().wireName(), Optional.empty(), actor, after.createdAt(), OptionalLong.empty());
      case UPDATED -> new ModelEvent(Type.UPDATED, after.id(), after.uid(), after.revision(),
          after.status().wireName(),
          before.status() == after.status() ? Optional.empty() : Optional.of(before.status().wireName()),
          actor, after.updatedAt(), OptionalLong.empty());
      case DELETED -> new ModelEvent(Type.DELETED, before.id(), before.uid(), before.revision() + 1,
          before.status().wireName(), Optional.empty(), actor, Timestamps.truncate(now), OptionalLong.empty());
    };
  }

  /** Reads a payload; fails with IllegalArgumentException naming what is missing or malformed. */
  public static ModelEvent fromJson(JsonObject json) {
    try {
      return new ModelEvent(Type.fromWire(required(json, TYPE)), required(json, ID), required(json, UID),
          revision(json), required(json, STATUS), Optional.ofNullable(json.getString(PREVIOUS_STATUS)),
          required(json, ACTOR), Timestamps.parse(required(json, AT)), sequence(json));
    } catch (ClassCastException | DateTimeParseException e) {
      throw new IllegalArgumentException("malformed model event: " + e.getMessage(), e);
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    sequence.ifPresent(value -> json.put(SEQUENCE, value));
    json.put(TYPE, type.wireName())
        .put(ID, id)
        .put(UID, uid)
        .put(REVISION, revision)
        .put(STATUS, status);
    previousStatus.ifPresent(previous -> json.put(PREVIOUS_STATUS, previous));
    return json.put(ACTOR, actor).put(AT, Timestamps.format(at));
  }

  private static String required(JsonObject json, String field) {
    String value = json.getString(field);
    if (value == null) {
      throw new IllegalArgumentException("model event without '" + field + "'");
    }
    return value;
  }

  private static OptionalLong sequence(JsonObject json) {
    Long sequence = json.getLong(SEQUENCE);
    if (sequence != null && sequence < 1) {
      throw new IllegalArgumentException("model event with a '" + SEQUENCE + "' below 1");
    }
    return sequence == null ? OptionalLong.empty() : OptionalLong.of(sequence);
  }

  private static long revision(JsonObject json) {
    Long revision = json.getLong(REVISION);
    if (revision == null || revision < 1) {
      throw new IllegalArgumentException("model event without a positive '" + REVISION + "'");
    }
    return revision;
  }
}
