package io.sophra.registry.http;

import static io.sophra.registry.support.Jwts.claims;
import static io.sophra.registry.support.Jwts.header;
import static io.sophra.registry.support.Jwts.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.Jwts;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A node that requires {@code typ: at+jwt} (RFC 9068) and allows tokens to live one hour at most. */
@DisplayName("A required typ and a configured maximum lifetime")
class TokenPolicyTest {

  private static final byte[] SECRET = TestTokens.SECRET.getBytes(StandardCharsets.UTF_8);
  private static RegistryNode node;
  private static Http anonymous;

  @BeforeAll
  static void startNode() {
    node = TestNodes.single(Map.of("MODEL_REGISTRY_JWT_TYP", "at+jwt", "MODEL_REGISTRY_JWT_MAX_LIFETIME", "1h"));
    anonymous = new Http(TestNodes.url(node));
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  private static Reply list(String typ, Duration lifetime) {
    var header = header(JWSAlgorithm.HS256);
    if (typ != null) {
      header.type(new JOSEObjectType(typ));
    }
    String token = Jwts.hs256(header, claims("admin").issueTime(in(Duration.ZERO)).expirationTime(in(lifetime)).build(),
        SECRET);
    return anonymous.get("/v1/models", "Authorization", "Bearer " + token);
  }

  @Test
  @DisplayName("typ at+jwt is accepted in any case and with the application/ prefix (RFC 7515 4.1.9)")
  void requiredTypeAccepted() {
    assertThat(list("at+jwt", Duration.ofMinutes(5)).status()).isEqualTo(200);
    assertThat(list("application/at+jwt", Duration.ofMinutes(5)).status()).isEqualTo(200);
    assertThat(list("AT+JWT", Duration.ofMinutes(5)).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("typ JWT, or no typ, is refused with 401 saying which typ is required")
  void otherTypeRefused() {
    for (String typ : new String[] {"JWT", null}) {
      Reply reply = list(typ, Duration.ofMinutes(5));
      assertThat(reply.status()).as(String.valueOf(typ)).isEqualTo(401);
      assertThat(reply.json().getString("detail")).isEqualTo("the token's type (typ header) must be 'at+jwt'");
    }
  }

  @Test
  @DisplayName("A token living longer than the configured hour is refused; one living an hour is accepted")
  void configuredLifetime() {
    assertThat(list("at+jwt", Duration.ofHours(1)).status()).isEqualTo(200);
    Reply tooLong = list("at+jwt", Duration.ofMinutes(61));
    assertThat(tooLong.status()).isEqualTo(401);
    assertThat(tooLong.json().getString("detail")).contains("longer than the maximum of 1 h");
  }
}
