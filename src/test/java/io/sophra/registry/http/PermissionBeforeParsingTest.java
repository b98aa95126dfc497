package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.security.Refusals;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.RawHttp;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A caller without the permission learns nothing about a request it may not make: the 403 comes
 * before the body is read or the query is looked at, and is counted and logged once.
 */
@DisplayName("Permission is checked before the body and the query are read")
class PermissionBeforeParsingTest extends ApiTestBase {

  private static final String MODEL = "permission-first";
  private static Http reader;
  private static Http writer;
  private static Http noRoles;

  @BeforeAll
  static void callers() {
    register(MODEL);
    reader = client(TestTokens.forRoles("a-reader", "reader"));
    writer = client(TestTokens.forRoles("a-writer", "writer"));
    noRoles = client(TestTokens.forRoles("nobody"));
  }

  private static Http client(String token) {
    return new Http(TestNodes.url(node)).withHeader("Authorization", "Bearer " + token);
  }

  /** Status and problem type of an answer, from the JDK client or a raw socket. */
  record Answer(int status, String type) {

    static Answer of(Reply reply) {
      return new Answer(reply.status(), reply.problemType());
    }

    static Answer of(RawHttp.Response response) {
      return new Answer(response.status(), response.json().getString("type").substring(ProblemType.URI_PREFIX.length()));
    }
  }

  static Stream<Arguments> requests() {
    byte[] oversized = new byte[300 * 1024];
    return Stream.of(
        Arguments.of("reader registers with a body that is not JSON", "registerModel",
            (Supplier<Answer>) () -> Answer.of(reader.post("/v1/models", "{"))),
        Arguments.of("reader registers with a wrong media type", "registerModel",
            (Supplier<Answer>) () -> Answer.of(reader.post("/v1/models", "{}", "Content-Type", "text/plain"))),
        Arguments.of("reader registers with a body over the limit", "registerModel",
            (Supplier<Answer>) () -> Answer.of(reader.send("POST", "/v1/models", oversized,
                "Content-Type", "application/json"))),
        Arguments.of("reader registers with an invalid model", "registerModel",
            (Supplier<Answer>) () -> Answer.of(reader.post("/v1/models", "{\"id\":\"a..b\",\"extra\":1}"))),
        Arguments.of("reader patches with a body that is not an object", "updateModel",
            (Supplier<Answer>) () -> Answer.of(reader.patch("/v1/models/" + MODEL, "[1,2]"))),
        Arguments.of("reader patches with a malformed If-Match", "updateModel",
            (Supplier<Answer>) () -> Answer.of(reader.patch("/v1/models/" + MODEL, "{}", "If-Match", "nonsense"))),
        Arguments.of("reader deletes a malformed id", "deleteModel",
            (Supplier<Answer>) () -> Answer.of(reader.delete("/v1/models/a..b"))),
        Arguments.of("no-role caller lists with bad parameters", "listModels",
            (Supplier<Answer>) () -> Answer.of(noRoles.get("/v1/models?limit=0&view=everything"))),
        Arguments.of("no-role caller batch-reads with a wrong media type", "getModels",
            (Supplier<Answer>) () -> Answer.of(noRoles.post("/v1/models/_batchGet", "{\"ids\":[]}",
                "Content-Type", "text/csv"))),
        Arguments.of("writer searches the audit log with bad parameters", "searchAudit",
            (Supplier<Answer>) () -> Answer.of(writer.get("/v1/audit?since=yesterday&limit=5000"))),
        Arguments.of("writer reads a history with a bad limit", "modelHistory",
            (Supplier<Answer>) () -> Answer.of(writer.get("/v1/models/" + MODEL + "/history?limit=0"))),
        Arguments.of("writer searches the audit log with a bad escape", "searchAudit",
            (Supplier<Answer>) () -> Answer.of(RawHttp.exchange(node.config().http().port(),
                "GET /v1/audit?limit=% HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + TestTokens.forRoles("a-writer", "writer") + "\r\nConnection: close\r\n\r\n"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  @DisplayName("A caller without the permission gets 403 (not 400, 413 or 415), counted and logged once")
  void forbiddenBeforeParsing(String name, String operation, Supplier<Answer> request) {
    double before = forbiddenCount();
    Answer answer;
    List<JsonObject> refusals;
    try (LogCapture audit = LogCapture.audit()) {
      answer = request.get();
      refusals = audit.jsonLines().stream().filter(line -> "refused".equals(line.getString("outcome"))).toList();
    }

    assertThat(answer).as(name).isEqualTo(new Answer(403, "forbidden"));
    assertThat(forbiddenCount()).as("counted once").isEqualTo(before + 1);
    assertThat(refusals).singleElement().satisfies(line -> {
      assertThat(line.getString("reason")).isEqualTo("forbidden");
      assertThat(line.getString("operation")).isEqualTo(operation);
    });
    assertThat(http.get("/v1/models/" + MODEL).json().getLong("revision")).isEqualTo(1);
  }

  @Test
  @DisplayName("A refused update names its model in the refusal line; a caller with the permission still gets 400")
  void refusalNamesTheModelAndPermittedCallersStillGetTheirValidation() {
    try (LogCapture audit = LogCapture.audit()) {
      assertThat(reader.patch("/v1/models/" + MODEL, "{").status()).isEqualTo(403);
      assertThat(audit.jsonLines()).singleElement()
          .satisfies(line -> assertThat(line.getString("modelId")).isEqualTo(MODEL));
    }

    assertValidation(writer.patch("/v1/models/" + MODEL, "{\"status\":null}"), "/status");
    assertProblem(writer.post("/v1/models", "{}", "Content-Type", "text/plain"), 415, "unsupported-media-type");
    assertProblem(reader.get("/v1/models?limit=0"), 400, "validation");
  }

  private static double forbiddenCount() {
    return node.meters().counter(Refusals.METRIC, "reason", "forbidden").count();
  }
}
