package io.sophra.registry.events;

import java.util.Locale;
import java.util.Objects;

/**
 * One change as the change log keeps it: what changed ({@code kind}, {@code key}), how ({@code type},
 * the event's {@code type}), and the event-bus payload as compact JSON text, written before the log
 * numbered it (so without {@code sequence}). Readers get it back as a {@link FeedEvent}.
 *
 * @param key the model's id, or the alias's name
 */
public record ChangeRecord(Kind kind, String type, String key, String payload) {

  /** What a change is about: a model, or an alias. */
  public enum Kind {
    MODEL, ALIAS;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
      return wireName;
    }

    /** The kind named {@code wireName}; {@code MODEL} for a name this version does not know. */
    public static Kind fromWire(String wireName) {
      return ALIAS.wireName.equals(wireName) ? ALIAS : MODEL;
    }
  }

  /** What an {@code id} filter of the feed names an alias by: a model id can never contain it. */
  public static final String ALIAS_PREFIX = "alias:";
  /** What the feed's event names of alias changes start with ({@code alias.created}, ...). */
  public static final String ALIAS_EVENT_PREFIX = "alias.";

  public ChangeRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
  }

  public static ChangeRecord of(ModelEvent event) {
    return new ChangeRecord(Kind.MODEL, event.type().wireName(), event.id(), event.toJson().encode());
  }

  public static ChangeRecord of(AliasEvent event) {
    return new ChangeRecord(Kind.ALIAS, event.type().wireName(), event.name(), event.toJson().encode());
  }

  /**
   * The event's name in the feed: the type of a model change ({@code registered}, {@code updated},
   * {@code deleted}), {@code alias.} and the type of an alias change ({@code alias.created}, ...).
   */
  public String eventName() {
    return kind == Kind.MODEL ? type : ALIAS_EVENT_PREFIX + type;
  }

  /** What the feed's {@code id} filter matches: a model's id, or {@code alias:} and an alias's name. */
  public String subject() {
    return kind == Kind.MODEL ? key : ALIAS_PREFIX + key;
  }
}
