package io.sophra.registry.http;

import io.sophra.registry.events.ChangeRecord;
import io.sophra.registry.events.FeedEvent;
import io.vertx.core.buffer.Buffer;

/**
 * One change as a Server-Sent Event, encoded once per node and written as is to every stream that
 * passes it: {@code id:} the sequence, {@code event:} the change's event name, {@code data:} the
 * event-bus payload as one line of compact JSON (JSON text never holds a raw line break).
 */
record FeedFrame(long sequence, ChangeRecord record, Buffer bytes) {

  static FeedFrame of(FeedEvent event) {
    String text = "id: " + event.sequence() + "\nevent: " + event.record().eventName() + "\ndata: "
        + event.payload().encode() + "\n\n";
    return new FeedFrame(event.sequence(), event.record(), Buffer.buffer(text));
  }
}
