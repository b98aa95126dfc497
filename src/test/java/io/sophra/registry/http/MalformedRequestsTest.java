package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.RawHttp;
import io.sophra.registry.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of malformed requests, sent as raw bytes over a socket because an HTTP client would refuse
 * to send most of them. Each gets a 4xx {@code application/problem+json} naming its problem — or,
 * where the HTTP codec cannot frame a response any more, a closed connection — and none leaves an
 * ERROR line in the log.
 */
@DisplayName("Malformed requests get a 4xx problem, never a 500 or an ERROR log line")
class MalformedRequestsTest extends ApiTestBase {

  private static final String MODEL = "malformed-target";
  private static final String TOKEN = TestTokens.admin();

  /**
   * One malformed request.
   *
   * @param status the expected status; 0 when the server can only close the connection
   * @param type the expected problem type (last segment), null when closed
   */
  record Case(String name, byte[] request, int status, String type) {

    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void registerTarget() {
    register(MODEL);
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    // the request target: percent-encoding, raw bytes, length
    cases.add(get("bad escape in a path parameter", "/v1/models/%zz", 400, "validation"));
    cases.add(get("truncated escape in a path parameter", "/v1/models/abc%", 400, "validation"));
    cases.add(get("truncated two-digit escape in a path parameter", "/v1/models/abc%4", 400, "validation"));
    cases.add(get("bad escape in a fixed path segment", "/v1/%zz/models", 400, "validation"));
    cases.add(get("bad escape in a path that matches no route", "/nowhere/%zz", 400, "validation"));
    cases.add(get("escaped NUL in the id", "/v1/models/a%00b", 400, "validation"));
    cases.add(get("escaped invalid UTF-8 in the id", "/v1/models/%C3%28", 400, "validation"));
    cases.add(get("escaped slash in the id", "/v1/models/a%2Fb", 400, "validation"));
    cases.add(get("raw control byte in the path", "/v1/models/a\u0001b", 400, "validation"));
    cases.add(get("raw 8-bit byte in the path", "/v1/models/caf\u00e9", 400, "validation"));
    cases.add(raw("raw space in the path", "GET /v1/models/a b HTTP/1.1\r\n" + headers() + "\r\n", 400, "validation"));
    cases.add(raw("raw tab in the path", "GET /v1/models/a\tb HTTP/1.1\r\n" + headers() + "\r\n", 400, "validation"));
    cases.add(get("request line over the limit", "/v1/models/" + "a".repeat(5000), 414, "uri-too-long"));
    cases.add(get("query over the request-line limit", "/v1/models?baseModel=" + "b".repeat(5000), 414, "uri-too-long"));
    cases.add(get("target not starting with a slash", "v1/models", 404, "not-found"));
    cases.add(get("asterisk-form target on GET", "*", 404, "not-found"));
    // the query string
    cases.add(get("lone % as the limit", "/v1/models?limit=%", 400, "validation"));
    cases.add(get("bad escape in the cursor", "/v1/models?cursor=%zz", 400, "validation"));
    cases.add(get("bad escape in a parameter name", "/v1/models?%zz=1", 400, "validation"));
    cases.add(get("truncated escape at the end of the query", "/v1/models?baseModel=a%2", 400, "validation"));
    cases.add(get("invalid UTF-8 escape as the limit", "/v1/models?limit=%FF", 400, "validation"));
    cases.add(get("limit past a long", "/v1/models?limit=99999999999999999999", 400, "validation"));
    cases.add(get("negative limit", "/v1/models?limit=-1", 400, "validation"));
    cases.add(get("empty limit", "/v1/models?limit=", 400, "validation"));
    cases.add(get("cursor that is not base64url", "/v1/models?cursor=!!!", 400, "validation"));
    cases.add(get("cursor holding a bad id", "/v1/models?cursor=" + base64("v1:../etc"), 400, "validation"));
    cases.add(get("cursor of the audit log on the models list", "/v1/models?cursor=" + base64("a1:5"), 400, "validation"));
    cases.add(get("unknown view", "/v1/models?view=everything", 400, "validation"));
    cases.add(get("limit given twice", "/v1/models?limit=1&limit=2", 400, "validation"));
    cases.add(get("raw control byte in the query", "/v1/audit?actor=a\u0001b", 400, "validation"));
    cases.add(get("lone % as the audit limit", "/v1/audit?limit=%", 400, "validation"));
    cases.add(get("since past epoch milliseconds", "/v1/audit?since=%2B300000000-01-01T00:00:00Z", 400, "validation"));
    cases.add(get("since before epoch milliseconds", "/v1/audit?since=-300000000-01-01T00:00:00Z", 400, "validation"));
    cases.add(get("since past year 9999", "/v1/audit?since=%2B10000-01-01T00:00:00Z", 400, "validation"));
    cases.add(get("since not a time", "/v1/audit?since=yesterday", 400, "validation"));
    cases.add(get("audit cursor past a long", "/v1/audit?cursor=" + base64("a1:99999999999999999999"), 400, "validation"));
    cases.add(get("negative audit cursor", "/v1/audit?cursor=" + base64("a1:-5"), 400, "validation"));
    cases.add(get("bad escape in the history limit", "/v1/models/" + MODEL + "/history?limit=%", 400, "validation"));
    // the method
    cases.add(raw("unknown method", "BREW /v1/models HTTP/1.1\r\n" + headers() + "\r\n", 405, "method-not-allowed"));
    cases.add(raw("method with characters a token may not hold", "G(T /v1/models HTTP/1.1\r\n" + headers() + "\r\n",
        400, "validation"));
    cases.add(raw("method the resource does not support", "PUT /v1/models/" + MODEL + " HTTP/1.1\r\n" + headers()
        + "\r\n", 405, "method-not-allowed"));
    cases.add(raw("lower-case method", "get /v1/models HTTP/1.1\r\n" + headers() + "\r\n", 405, "method-not-allowed"));
    // the version and the headers
    cases.add(raw("bad HTTP version", "GET /v1/models HTTP/1.x\r\n" + headers() + "\r\n", 400, "validation"));
    cases.add(raw("no HTTP version", "GET /v1/models\r\n" + headers() + "\r\n", 400, "validation"));
    cases.add(raw("no Host header", "GET /v1/models HTTP/1.1\r\nAuthorization: Bearer " + TOKEN
        + "\r\nConnection: close\r\n\r\n", 400, "validation"));
    cases.add(raw("malformed Host header", "GET /v1/models HTTP/1.1\r\nHost: [::1\r\nAuthorization: Bearer " + TOKEN
        + "\r\nConnection: close\r\n\r\n", 400, "validation"));
    cases.add(raw("one header over the limit", "GET /v1/models HTTP/1.1\r\n" + headers() + "X-Big: " + "x".repeat(10_000)
        + "\r\n\r\n", 431, "headers-too-large"));
    cases.add(raw("headers over the limit in total", "GET /v1/models HTTP/1.1\r\n" + headers()
        + "X-Many: 0123456789012345678901234567890123456789\r\n".repeat(250) + "\r\n", 431, "headers-too-large"));
    cases.add(raw("header line without a colon", "GET /v1/models HTTP/1.1\r\n" + headers() + "No colon here\r\n\r\n",
        400, "validation"));
    cases.add(raw("header name with a space", "GET /v1/models HTTP/1.1\r\n" + headers() + "Bad Name: x\r\n\r\n",
        400, "validation"));
    cases.add(raw("NUL byte in a header value", "GET /v1/models HTTP/1.1\r\n" + headers() + "X-Test: a\u0000b\r\n\r\n",
        400, "validation"));
    cases.add(raw("Authorization header of another scheme", "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Basic Zm9vOmJhcg==\r\nConnection: close\r\n\r\n", 401, "unauthorized"));
    cases.add(raw("malformed If-Match", "PATCH /v1/models/" + MODEL + " HTTP/1.1\r\n" + headers()
        + "If-Match: not-an-etag\r\nContent-Type: application/merge-patch+json\r\nContent-Length: 2\r\n\r\n{}",
        400, "validation"));
    cases.add(raw("malformed If-Match on a delete", "DELETE /v1/models/" + MODEL + " HTTP/1.1\r\n" + headers()
        + "If-Match: \"unterminated\r\n\r\n", 400, "validation"));
    cases.add(raw("malformed If-None-Match", "GET /v1/models/" + MODEL + " HTTP/1.1\r\n" + headers()
        + "If-None-Match: W/\r\n\r\n", 400, "validation"));
    // framing of the body
    cases.add(post("Content-Length that is not a number", "Content-Length: abc\r\n", "{}", 400, "validation"));
    cases.add(post("negative Content-Length", "Content-Length: -1\r\n", "{}", 400, "validation"));
    cases.add(post("two different Content-Lengths", "Content-Length: 2\r\nContent-Length: 3\r\n", "{}", 400,
        "validation"));
    cases.add(post("Content-Length past a long", "Content-Length: 99999999999999999999\r\n", "{}", 400, "validation"));
    cases.add(post("Content-Length over the body limit", "Content-Length: 10000000\r\n", "{}", 413,
        "payload-too-large"));
    // a broken chunk arrives after the request was dispatched: Vert.x closes the connection on the codec's
    // error before any answer can be written, so the client sees the connection closed (and no ERROR line)
    cases.add(post("chunk size that is not hex", "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n", 0, null));
    cases.add(post("chunk size past an int", "Transfer-Encoding: chunked\r\n", "FFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
        0, null));
    cases.add(post("chunked body over the body limit", "Transfer-Encoding: chunked\r\n",
        ("1000\r\n" + " ".repeat(0x1000) + "\r\n").repeat(80) + "0\r\n\r\n", 413, "payload-too-large"));
    // a route that takes no body skips reading one only when none is declared: a declared one is still limited
    cases.add(raw("GET whose Content-Length is over the body limit", "GET /v1/models/" + MODEL + " HTTP/1.1\r\n"
        + headers() + "Content-Length: 10000000\r\n\r\n{}", 413, "payload-too-large"));
    cases.add(raw("DELETE whose chunked body is over the body limit", "DELETE /v1/models/" + MODEL + " HTTP/1.1\r\n"
        + headers() + "Transfer-Encoding: chunked\r\n\r\n" + ("1000\r\n" + " ".repeat(0x1000) + "\r\n").repeat(80)
        + "0\r\n\r\n", 413, "payload-too-large"));
    cases.add(post("unknown Transfer-Encoding", "Transfer-Encoding: gzip\r\n", "{}", 400, "validation"));
    cases.add(post("unsupported Expect", "Expect: 200-ok\r\nContent-Length: 2\r\n", "{}", 417, "expectation-failed"));
    cases.add(post("unsupported Content-Encoding", "Content-Encoding: br\r\nContent-Length: 2\r\n", "{}", 415,
        "unsupported-media-type"));
    // the body itself
    cases.add(post("no Content-Type", "Content-Length: 2\r\n", "{}", 415, "unsupported-media-type", false));
    cases.add(post("malformed Content-Type", "Content-Type: ;;;\r\nContent-Length: 2\r\n", "{}", 415,
        "unsupported-media-type", false));
    cases.add(post("invalid UTF-8 in the body", "Content-Length: 5\r\n", "{\"\u00ff\"}", 400, "validation"));
    String deep = "[".repeat(100_000);
    cases.add(post("JSON nested past any limit", "Content-Length: " + deep.length() + "\r\n", deep, 400, "validation"));
    String longNumber = "{\"id\":" + "9".repeat(5000) + "}";
    cases.add(post("number too long for JSON", "Content-Length: " + longNumber.length() + "\r\n", longNumber, 400,
        "validation"));
    cases.add(model("number past a double in parameters", "{\"x\":1e400}", 400, "validation"));
    cases.add(model("negative number past a double in metadata", "{\"x\":-1e400}", 400, "validation"));
    String patch = "{\"parameters\":{\"x\":[1e400]}}";
    cases.add(raw("number past a double in a patch", "PATCH /v1/models/" + MODEL + " HTTP/1.1\r\n" + headers()
        + "Content-Type: application/merge-patch+json\r\nContent-Length: " + patch.length() + "\r\n\r\n" + patch,
        400, "validation"));
    cases.add(post("truncated JSON", "Content-Length: 8\r\n", "{\"id\": [", 400, "validation"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("A malformed request gets its 4xx problem (or a closed connection) and no ERROR line")
  void malformed(Case malformed) {
    RawHttp.Response response;
    try (LogCapture logs = LogCapture.all()) {
      response = RawHttp.exchange(node.config().http().port(), malformed.request());
      assertThat(logs.errors()).as("ERROR lines after: " + malformed.name()).isEmpty();
    }

    if (malformed.status() == 0) {
      assertThat(response.answered()).as(response.toString()).isFalse();
      return;
    }
    assertThat(response.status()).as(response.toString()).isEqualTo(malformed.status());
    assertThat(response.header("Content-Type")).as(response.toString()).isEqualTo("application/problem+json");
    assertThat(response.json().getString("type")).isEqualTo(ProblemType.URI_PREFIX + malformed.type());
    assertThat(response.json().getInteger("status")).isEqualTo(malformed.status());
    assertThat(response.json().getString("detail")).isNotBlank().doesNotContain("Exception");
    assertThat(http.get("/v1/models/" + MODEL).json().getLong("revision")).as("nothing changed").isEqualTo(1);
  }

  @ParameterizedTest(name = "GET {0} → 400 naming {1}")
  @CsvSource({
      "/v1/models?limit=%, limit",
      "/v1/models?cursor=%zz, cursor",
      "/v1/audit?limit=%, limit",
      "/v1/audit?since=%2B300000000-01-01T00:00:00Z, since",
      "/v1/models?sort=metric:ndcg:desc&limit=%, limit",
      "/v1/aliases?limit=%, limit",
      "/v1/aliases/a1/resolve?subject=%zz, subject",
      "/v1/models/m1/metrics?since=%zz, since"})
  @DisplayName("The reproductions of the review each get a 400 naming the parameter, not a 500 with a stack trace")
  void reproductions(String target, String parameter) {
    RawHttp.Response response;
    try (LogCapture logs = LogCapture.all()) {
      response = RawHttp.exchange(node.config().http().port(), "GET " + target + " HTTP/1.1\r\n" + headers() + "\r\n");
      assertThat(logs.errors()).isEmpty();
    }

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.json().getString("type")).isEqualTo(ProblemType.VALIDATION.uri());
    assertThat(response.json().getJsonArray("errors")).as(response.toString()).isNotNull();
    assertThat(response.json().getJsonArray("errors").getJsonObject(0).getString("pointer")).isEqualTo(parameter);
  }

  private static String headers() {
    return "Host: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n";
  }

  private static Case get(String name, String target, int status, String type) {
    return raw(name, "GET " + target + " HTTP/1.1\r\n" + headers() + "\r\n", status, type);
  }

  private static Case post(String name, String framing, String body, int status, String type) {
    return post(name, framing, body, status, type, true);
  }

  private static Case post(String name, String framing, String body, int status, String type, boolean json) {
    return raw(name, "POST /v1/models HTTP/1.1\r\n" + headers() + (json ? "Content-Type: application/json\r\n" : "")
        + framing + "\r\n" + body, status, type);
  }

  /** A registration whose parameters are {@code parameters}, as given (raw JSON text). */
  private static Case model(String name, String parameters, int status, String type) {
    String body = "{\"id\":\"odd-numbers\",\"baseModel\":\"b\",\"version\":\"1\",\"parameters\":" + parameters + "}";
    return post(name, "Content-Length: " + body.length() + "\r\n", body, status, type);
  }

  private static Case raw(String name, String request, int status, String type) {
    return new Case(name, request.getBytes(StandardCharsets.ISO_8859_1), status, type);
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
