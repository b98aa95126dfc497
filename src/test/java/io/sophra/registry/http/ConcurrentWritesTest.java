package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.Http.Reply;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Concurrent writes to one model are serialized at its owner")
class ConcurrentWritesTest extends ApiTestBase {

  @Test
  @DisplayName("Two concurrent registrations of one id: exactly one 201, the other 409")
  void concurrentRegistration() {
    for (int round = 0; round < 10; round++) {
      String id = newId("race");
      List<CompletableFuture<Reply>> replies = List.of(
          http.postAsync("/v1/models", body(id).put("version", "1").encode()),
          http.postAsync("/v1/models", body(id).put("version", "2").encode()));
      List<Integer> statuses = replies.stream().map(CompletableFuture::join).map(Reply::status).sorted().toList();
      assertThat(statuses).containsExactly(201, 409);
    }
  }

  @Test
  @DisplayName("50 If-Match PATCHes in waves of 10 sharing one ETag: exactly one 200 per wave, the rest 412; final revision = 1 + number of 200s, every accepted change present")
  void noLostUpdate() {
    String id = newId("counter");
    register(id);
    List<Integer> accepted = new ArrayList<>();
    int attempts = 0;
    while (attempts < 50) {
      Reply current = http.get("/v1/models/" + id);
      String etag = current.header("ETag");
      List<CompletableFuture<Reply>> wave = new ArrayList<>();
      List<Integer> writers = new ArrayList<>();
      for (int i = 0; i < 10 && attempts < 50; i++, attempts++) {
        writers.add(attempts);
        wave.add(http.patchAsync("/v1/models/" + id,
            new JsonObject().put("metadata", new JsonObject().put("w" + attempts, attempts)).encode(), "If-Match", etag));
      }
      int acceptedInWave = 0;
      for (int i = 0; i < wave.size(); i++) {
        Reply reply = wave.get(i).join();
        assertThat(reply.status()).as(reply.toString()).isIn(200, 412);
        if (reply.status() == 200) {
          accepted.add(writers.get(i));
          acceptedInWave++;
        }
      }
      assertThat(acceptedInWave).as("PATCHes accepted among %d sent with the same ETag %s", wave.size(), etag)
          .isEqualTo(1);
    }
    JsonObject last = http.get("/v1/models/" + id).json();
    assertThat(last.getLong("revision")).isEqualTo(1L + accepted.size());
    for (int writer : accepted) {
      assertThat(last.getJsonObject("metadata").getInteger("w" + writer)).isEqualTo(writer);
    }
    assertThat(accepted).hasSize(5);
  }

  @Test
  @DisplayName("50 concurrent unconditional PATCHes: all succeed and none is lost")
  void unconditionalNoLostUpdate() {
    String id = newId("blind");
    register(id);
    List<CompletableFuture<Reply>> replies = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      replies.add(http.patchAsync("/v1/models/" + id,
          new JsonObject().put("parameters", new JsonObject().put("p" + i, i)).encode()));
    }
    replies.forEach(reply -> assertThat(reply.join().status()).isEqualTo(200));
    JsonObject last = http.get("/v1/models/" + id).json();
    assertThat(last.getLong("revision")).isEqualTo(51);
    assertThat(last.getJsonObject("parameters").fieldNames()).hasSize(51);
  }
}
