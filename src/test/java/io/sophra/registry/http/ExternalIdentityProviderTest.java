package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Jwts;
import io.sophra.registry.support.TestKeys;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A node configured like one behind Keycloak: only an RS256 public key with its key id, roles read
 * from {@code realm_access.roles}, tokens shaped as Keycloak issues them.
 */
@DisplayName("Tokens of an external identity provider, roles from realm_access.roles")
class ExternalIdentityProviderTest {

  private static final KeyPair REALM_KEY = TestKeys.rsa(2048);
  private static RegistryNode node;

  @BeforeAll
  static void startNode() throws Exception {
    var pem = TestKeys.writePem(Files.createTempDirectory("idp"), "realm.pem", REALM_KEY.getPublic());
    node = TestNodes.single(Map.of("MODEL_REGISTRY_JWT_SECRET", TestNodes.UNSET,
        "MODEL_REGISTRY_JWT_PUBLIC_KEY", "Xk3dPq9=" + pem,
        "MODEL_REGISTRY_JWT_ROLES_CLAIM", "realm_access.roles"));
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  private static Http with(JWTClaimsSet claims) {
    String token = Jwts.rsa(Jwts.header(JWSAlgorithm.RS256).keyID("Xk3dPq9"), claims, REALM_KEY.getPrivate());
    return new Http(TestNodes.url(node)).withHeader("Authorization", "Bearer " + token);
  }

  private static JWTClaimsSet.Builder keycloak(String... realmRoles) {
    return new JWTClaimsSet.Builder()
        .subject("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")
        .issuer(TestTokens.ISSUER)
        .audience(List.of(TestTokens.AUDIENCE, "account"))
        .issueTime(Jwts.in(Duration.ZERO))
        .expirationTime(Jwts.in(Duration.ofMinutes(5)))
        .claim("azp", "ml-pipeline")
        .claim("scope", "profile email")
        .claim("realm_access", Map.of("roles", List.of("writer", "offline_access", "uma_authorization")));
  }

  @Test
  @DisplayName("realm_access.roles grants the writer's permissions: register yes, delete no")
  void realmRoles() {
    Http writer = with(keycloak().build());

    assertThat(writer.post("/v1/models", "{\"id\":\"idp-model\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
        .isEqualTo(201);
    assertThat(writer.delete("/v1/models/idp-model").status()).isEqualTo(403);
    assertThat(TestNodes.http(node).get("/v1/models/idp-model").status()).as("the test secret is not a key here")
        .isEqualTo(401);
  }

  @Test
  @DisplayName("A top-level roles claim is not read when the roles claim is realm_access.roles")
  void topLevelRolesIgnored() {
    Http pretender = with(keycloak().claim("realm_access", Map.of("roles", List.of())).claim("roles", List.of("admin"))
        .build());

    assertThat(pretender.get("/v1/audit").status()).isEqualTo(403);
  }
}
