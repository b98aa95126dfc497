package io.sophra.registry.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Response bodies built around models' bodies as encoded once per revision ({@link ModelBodies}):
 * each is exactly the bytes of the {@code JsonObject} it stands for, encoded as Vert.x encodes it,
 * without building and encoding every model's tree again.
 */
final class JsonSplice {

  private static final Buffer ITEMS_OPEN = Buffer.buffer("{\"items\":[");
  private static final byte COMMA = ',';
  private static final byte CLOSE_BRACE = '}';

  private JsonSplice() {
  }

  /** A field's name as spliced, encoded once: make it a constant where it is used (the hot paths'). */
  static Field field(String name) {
    String quoted = Json.encode(name) + ":";
    return new Field(Buffer.buffer(quoted), Buffer.buffer("," + quoted));
  }

  /** {@code "name":}, alone or after another field. */
  record Field(Buffer alone, Buffer afterAnother) {
  }

  /** {@code object} with {@code field} added last, its value the JSON {@code value}: {@code {...,"field":value}}. */
  static Buffer withLastField(JsonObject object, Field field, Buffer value) {
    Buffer head = object.toBuffer();
    Buffer name = object.isEmpty() ? field.alone() : field.afterAnother();
    int withoutBrace = head.length() - 1;
    return Buffer.buffer(withoutBrace + name.length() + value.length() + 1)
        .appendBuffer(head, 0, withoutBrace).appendBuffer(name).appendBuffer(value).appendByte(CLOSE_BRACE);
  }

  /** {@code {"items":[item,...],"field":value}}, {@code value} encoded as {@link Json#encode} does. */
  static Buffer items(List<Buffer> items, Field field, Object value) {
    int length = ITEMS_OPEN.length() + items.size() + 64;
    for (Buffer item : items) {
      length += item.length();
    }
    Buffer body = Buffer.buffer(length).appendBuffer(ITEMS_OPEN);
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        body.appendByte(COMMA);
      }
      body.appendBuffer(items.get(i));
    }
    return body.appendByte((byte) ']').appendBuffer(field.afterAnother())
        .appendString(Json.encode(value)).appendByte(CLOSE_BRACE);
  }
}
