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

  /** {@code object} with {@code field} added last, its value the JSON {@code value}: {@code {...,"field":value}}. */
  static Buffer withLastField(JsonObject object, String field, Buffer value) {
    Buffer head = object.toBuffer();
    Buffer name = fieldName(field, !object.isEmpty());
    int withoutBrace = head.length() - 1;
    return Buffer.buffer(withoutBrace + name.length() + value.length() + 1)
        .appendBuffer(head, 0, withoutBrace).appendBuffer(name).appendBuffer(value).appendByte(CLOSE_BRACE);
  }

  /** {@code {"items":[item,...],"field":value}}, {@code value} encoded as {@link Json#encode} does. */
  static Buffer items(List<Buffer> items, String field, Object value) {
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
    return body.appendByte((byte) ']').appendBuffer(fieldName(field, true))
        .appendString(Json.encode(value)).appendByte(CLOSE_BRACE);
  }

  private static Buffer fieldName(String field, boolean afterAnother) {
    return Buffer.buffer((afterAnother ? "," : "") + Json.encode(field) + ":");
  }
}
