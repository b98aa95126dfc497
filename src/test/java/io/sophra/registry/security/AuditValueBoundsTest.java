package io.sophra.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Audit entries keep a value over 1 KiB as its size and hash, so the log is bounded in bytes")
class AuditValueBoundsTest {

  private static RegistryNode node;
  private static Http admin;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single();
    admin = TestNodes.http(node);
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  private static String register(JsonObject parameters) {
    String id = "bounded-" + UUID.randomUUID();
    Reply reply = admin.post("/v1/models", new JsonObject().put("id", id).put("baseModel", "b").put("version", "1")
        .put("parameters", parameters).encode());
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return id;
  }

  private static JsonArray changesOfOnlyEntry(String id) {
    Reply reply = admin.get("/v1/models/" + id + "/history");
    assertThat(reply.status()).isEqualTo(200);
    JsonArray items = reply.json().getJsonArray("items");
    assertThat(items).hasSize(1);
    return items.getJsonObject(0).getJsonArray("changes");
  }

  private static Object newValueOf(JsonArray changes, String field) {
    return changes.stream().map(JsonObject.class::cast).filter(change -> change.getString("field").equals(field))
        .findFirst().orElseThrow(() -> new AssertionError("no change of " + field + " in " + changes)).getValue("new");
  }

  private static JsonObject marker(String compactJson) throws Exception {
    byte[] bytes = compactJson.getBytes(StandardCharsets.UTF_8);
    return new JsonObject().put("truncated", true).put("bytes", bytes.length)
        .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
  }

  /** The text of one member's value in a compact JSON body: a string, or an array of numbers. */
  private static String rawValue(String body, String member) {
    int start = body.indexOf("\"" + member + "\":") + member.length() + 3;
    char open = body.charAt(start);
    int end = open == '"' ? body.indexOf('"', start + 1) + 1 : body.indexOf(']', start) + 1;
    return body.substring(start, end);
  }

  @Test
  @DisplayName("Over 1 KiB: {truncated, bytes, sha256} of the value's bytes in the model's compact JSON; up to 1 KiB: whole")
  void largeValuesAreHashed() throws Exception {
    JsonArray weights = new JsonArray(IntStream.range(0, 400).mapToObj(i -> i / 1000.0 + 1e-7).toList());
    String text = "x".repeat(2000);
    String id = register(new JsonObject().put("text", text).put("weights", weights).put("small", "s".repeat(1000)));

    JsonArray changes = changesOfOnlyEntry(id);
    String body = admin.get("/v1/models/" + id).body();
    assertThat(newValueOf(changes, "/parameters/text")).isEqualTo(marker(rawValue(body, "text")));
    assertThat(newValueOf(changes, "/parameters/weights")).isEqualTo(marker(rawValue(body, "weights")));
    assertThat(((JsonObject) newValueOf(changes, "/parameters/text")).getInteger("bytes")).isEqualTo(2002);
    assertThat(newValueOf(changes, "/parameters/small")).isEqualTo("s".repeat(1000));
  }

  @Test
  @DisplayName("A small value shaped like a marker is kept as a marker of itself, so no writer can forge one")
  void markerLookAlikes() throws Exception {
    JsonObject fake = new JsonObject().put("truncated", true).put("bytes", 5000).put("sha256", "00");
    String id = register(new JsonObject().put("fake", fake));

    assertThat(newValueOf(changesOfOnlyEntry(id), "/parameters/fake")).isEqualTo(marker(fake.encode()));
  }

  @Test
  @DisplayName("Many keys changed at once are recorded as one /parameters change of whole-object markers, under 4 KiB")
  void manyKeysAreGrouped() throws Exception {
    JsonObject parameters = new JsonObject();
    IntStream.range(0, 200).forEach(i -> parameters.put("k" + i, "v".repeat(30)));
    String id = register(parameters);

    JsonArray changes = changesOfOnlyEntry(id);
    List<String> fields = changes.stream().map(change -> ((JsonObject) change).getString("field")).toList();
    assertThat(fields).containsExactly("/baseModel", "/version", "/status", "/parameters");
    assertThat(newValueOf(changes, "/parameters")).isEqualTo(marker(parameters.encode()));
    assertThat(changes.encode().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
  }
}
