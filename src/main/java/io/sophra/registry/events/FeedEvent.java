package io.sophra.registry.events;

import io.vertx.core.json.JsonObject;

/**
 * A change read back from the change log with the sequence it holds there. Its {@link #payload()} is
 * exactly what the event bus carried for the change: the event with its {@code sequence}.
 */
public record FeedEvent(long sequence, ChangeRecord record) {

  /** The event-bus payload: {@code sequence} first, then the event's fields. */
  public JsonObject payload() {
    return withSequence(sequence, new JsonObject(record.payload()));
  }

  /** {@code event} (a payload written without its sequence) with {@code sequence} in front. */
  static JsonObject withSequence(long sequence, JsonObject event) {
    JsonObject payload = new JsonObject().put(ModelEvent.SEQUENCE, sequence);
    event.forEach(field -> {
      if (!field.getKey().equals(ModelEvent.SEQUENCE)) {
        payload.put(field.getKey(), field.getValue());
      }
    });
    return payload;
  }
}
