package io.sophra.registry.events;

import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.AliasChange;
import io.sophra.registry.alias.AliasJson;
import io.sophra.registry.model.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The payload published on {@link EventAddresses#ALIASES_CHANGED}, one per stored alias change,
 * shaped like a {@link ModelEvent} (a plain {@code JsonObject} on the wire):
 *
 * <pre>{"sequence":813,"type":"updated","name":"search-ranker","uid":"…","revision":4,
 *  "variants":[{"modelId":"ranker-a","weight":80},{"modelId":"ranker-b","weight":20}],
 *  "actor":"release-bot","at":"2025-01-01T12:00:00.000Z"}</pre>
 *
 * <p>Per ({@code name}, {@code uid}) the revisions are exactly 1, 2, 3, …: a creation is revision 1,
 * each change the revision it stored, a deletion one past the last stored revision, so a gap means a
 * missed event and a new {@code uid} a new alias. {@code variants} are the alias's after the change
 * (for a deletion, the last ones it had). {@code sequence} is the change's number in the change log,
 * shared with the models' changes (see {@link ModelEvent}).
 */
public record AliasEvent(Type type, String name, String uid, long revision, JsonArray variants, String actor,
    Instant at, OptionalLong sequence) {

  /** What happened to the alias. */
  public enum Type {
    CREATED, UPDATED, DELETED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AliasEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(variants, "variants");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(sequence, ModelEvent.SEQUENCE);
  }

  /** The event of a stored change made by {@code actor}, with the change's sequence when it has one. */
  public static AliasEvent of(AliasChange change, String actor, Instant now) {
    AliasEvent event = unsequenced(change, actor, now);
    return change.sequence().isPresent() ? event.withSequence(change.sequence().getAsLong()) : event;
  }

  /** This event with the sequence the change log gave its change. */
  public AliasEvent withSequence(long assigned) {
    return new AliasEvent(type, name, uid, revision, variants, actor, at, OptionalLong.of(assigned));
  }

  /** {@code now} dates a deletion. */
  private static AliasEvent unsequenced(AliasChange change, String actor, Instant now) {
    Alias latest = change.latest();
    JsonArray variants = AliasJson.toJson(latest).getJsonArray(AliasJson.VARIANTS);
    return switch (change.type()) {
      case CREATED -> new AliasEvent(Type.CREATED, latest.name(), latest.uid(), latest.revision(), variants, actor,
          latest.createdAt(), OptionalLong.empty());
      case UPDATED -> new AliasEvent(Type.UPDATED, latest.name(), latest.uid(), latest.revision(), variants, actor,
          latest.updatedAt(), OptionalLong.empty());
      case DELETED -> new AliasEvent(Type.DELETED, latest.name(), latest.uid(), latest.revision() + 1, variants, actor,
          Timestamps.truncate(now), OptionalLong.empty());
    };
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    sequence.ifPresent(value -> json.put(ModelEvent.SEQUENCE, value));
    return json
        .put(ModelEvent.TYPE, type.wireName())
        .put(AliasJson.NAME, name)
        .put(ModelEvent.UID, uid)
        .put(ModelEvent.REVISION, revision)
        .put(AliasJson.VARIANTS, variants.copy())
        .put(ModelEvent.ACTOR, actor)
        .put(ModelEvent.AT, Timestamps.format(at));
  }
}
