package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.RawHttp;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client address of refusal lines behind a proxy. The node trusts 127.0.0.2 and 10.0.0.0/8 as
 * proxies; requests come over loopback from 127.0.0.2 (the proxy) or from 127.0.0.1 (a client
 * connecting directly).
 */
@DisplayName("Refusal lines name the client behind a trusted proxy, and nobody else's X-Forwarded-For is believed")
class TrustedProxyTest {

  private static final String PROXY = "127.0.0.2";
  private static final String DIRECT = "127.0.0.1";
  private static RegistryNode node;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single(Map.of("MODEL_REGISTRY_HTTP_TRUSTED_PROXIES", PROXY + ", 10.0.0.0/8"));
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  @ParameterizedTest(name = "from {0}, X-Forwarded-For ''{1}'' → {2}")
  @CsvSource(delimiter = '|', value = {
      // a client connecting directly cannot choose its address
      DIRECT + " | 203.0.113.9 | 127.0.0.1",
      DIRECT + " | 127.0.0.2 | 127.0.0.1",
      // behind the trusted proxy, the right-most entry that is not a trusted proxy is the client
      PROXY + " | 203.0.113.9 | 203.0.113.9",
      PROXY + " | 198.51.100.7, 203.0.113.9 | 203.0.113.9",
      PROXY + " | 198.51.100.7, 203.0.113.9, 10.1.2.3 | 203.0.113.9",
      PROXY + " | 203.0.113.9:51234 | 203.0.113.9",
      PROXY + " | [2001:db8::7]:443 | 2001:db8::7",
      PROXY + " | ::ffff:203.0.113.9 | 203.0.113.9",
      // an entry that is not an address ends the walk at the last trusted hop
      PROXY + " | 203.0.113.9, not-an-address | 127.0.0.2",
      PROXY + " | 203.0.113.9, not-an-address, 10.1.2.3 | 10.1.2.3",
      PROXY + " | 10.9.9.9, 10.1.2.3 | 10.9.9.9",
      PROXY + " | '' | 127.0.0.2"})
  @DisplayName("The refusal line's remote is the right-most untrusted X-Forwarded-For entry, behind a trusted proxy only")
  void remoteOfRefusal(String from, String forwardedFor, String expected) {
    JsonObject line = refusalLine(from, forwardedFor.isEmpty() ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n");

    assertThat(line.getString("remote")).isEqualTo(expected);
  }

  @Test
  @DisplayName("X-Forwarded-For over several header lines reads as one list, and a spoofed left part is ignored")
  void severalHeaderLines() {
    JsonObject line = refusalLine(PROXY, "X-Forwarded-For: 1.1.1.1\r\nX-Forwarded-For: 203.0.113.50, 10.0.0.1\r\n");

    assertThat(line.getString("remote")).isEqualTo("203.0.113.50");
  }

  private static JsonObject refusalLine(String from, String headers) {
    RawHttp.Response response;
    JsonObject line;
    try (LogCapture audit = LogCapture.audit()) {
      response = RawHttp.exchange(from, node.config().http().port(), "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + headers + "Connection: close\r\n\r\n");
      line = audit.jsonLines().stream().filter(json -> json.getInteger("status") == 401).findFirst().orElseThrow();
    }
    assertThat(response.status()).isEqualTo(401);
    return line;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "10.0.0.1/x", "300.1.1.1", "10.0.0.1;10.0.0.2",
      "fd00::/129"})
  @DisplayName("A trusted proxy that is not an IP address or CIDR block stops start-up naming the setting (no name is looked up)")
  void badSetting(String value) {
    Map<String, String> env = new HashMap<>(TestTokens.SETTINGS);
    env.put("MODEL_REGISTRY_HTTP_TRUSTED_PROXIES", value);
    assertThatThrownBy(() -> ConfigLoader.load(env, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MODEL_REGISTRY_HTTP_TRUSTED_PROXIES");
  }
}
