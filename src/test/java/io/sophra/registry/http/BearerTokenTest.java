package io.sophra.registry.http;

import static io.sophra.registry.support.Jwts.claims;
import static io.sophra.registry.support.Jwts.header;
import static io.sophra.registry.support.Jwts.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.Jwts;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.TestKeys;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every token a node must refuse (401, {@code WWW-Authenticate: Bearer}, problem+json) and the
 * valid ones it must accept, against a node holding an HS256 secret, two RSA keys (rotation, key ids
 * rsa-1 and rsa-2) and one EC P-256 key (ec-1). Tokens are minted by nimbus-jose-jwt or by hand.
 */
@DisplayName("Bearer tokens: RFC 8725 rules")
class BearerTokenTest {

  private static final KeyPair RSA_1 = TestKeys.rsa(2048);
  private static final KeyPair RSA_2 = TestKeys.rsa(2048);
  private static final KeyPair EC_1 = TestKeys.ec("secp256r1");
  private static final KeyPair OUTSIDER_RSA = TestKeys.rsa(2048);
  private static final KeyPair OUTSIDER_EC = TestKeys.ec("secp256r1");
  private static final byte[] SECRET = TestTokens.SECRET.getBytes(StandardCharsets.UTF_8);

  private static Path keys;
  private static RegistryNode node;
  private static Http anonymous;

  @BeforeAll
  static void startNode() throws Exception {
    keys = Files.createTempDirectory("bearer-keys");
    String publicKeys = "rsa-1=" + TestKeys.writePem(keys, "rsa-1.pem", RSA_1.getPublic())
        + ",rsa-2=" + TestKeys.writePem(keys, "rsa-2.pem", RSA_2.getPublic())
        + ",ec-1=" + TestKeys.writePem(keys, "ec-1.pem", EC_1.getPublic());
    node = TestNodes.single(Map.of("MODEL_REGISTRY_JWT_PUBLIC_KEY", publicKeys));
    anonymous = new Http(TestNodes.url(node));
  }

  @AfterAll
  static void stopNode() {
    TestNodes.stop(node);
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("HS256 with the configured secret", Jwts.secretHs256(claims("admin").build())),
        Arguments.of("RS256, kid rsa-1", Jwts.rsa(header(JWSAlgorithm.RS256).keyID("rsa-1"), claims("admin").build(),
            RSA_1.getPrivate())),
        Arguments.of("RS256, kid rsa-2 (the rotated-in key)", Jwts.rsa(header(JWSAlgorithm.RS256).keyID("rsa-2"),
            claims("admin").build(), RSA_2.getPrivate())),
        Arguments.of("RS256 without kid (every RS256 key is tried)", Jwts.rsa(header(JWSAlgorithm.RS256),
            claims("admin").build(), RSA_2.getPrivate())),
        Arguments.of("ES256, kid ec-1", Jwts.ec(header(JWSAlgorithm.ES256).keyID("ec-1"), claims("admin").build(),
            EC_1.getPrivate())),
        Arguments.of("expired 10 s ago (within the 30 s leeway)",
            Jwts.secretHs256(claims("admin").expirationTime(in(Duration.ofSeconds(-10))).build())),
        Arguments.of("nbf 10 s ahead (within the leeway)",
            Jwts.secretHs256(claims("admin").notBeforeTime(in(Duration.ofSeconds(10))).build())),
        Arguments.of("aud an array holding ours",
            Jwts.secretHs256(claims("admin").audience(List.of("other", TestTokens.AUDIENCE)).build())),
        Arguments.of("lifetime exactly the 24 h maximum", Jwts.secretHs256(claims("admin").issueTime(in(Duration.ZERO))
            .expirationTime(in(Duration.ofHours(24))).build())),
        Arguments.of("no iat, exp 23 h ahead", Jwts.secretHs256(claims("admin").issueTime(null)
            .expirationTime(in(Duration.ofHours(23))).build())),
        Arguments.of("sub with letters of other scripts and spaces", Jwts.secretHs256(claims("admin")
            .subject("Zoë Ñúñez 李 – service").build())),
        Arguments.of("typ JWT when no typ is required", Jwts.hs256(header(JWSAlgorithm.HS256)
            .type(com.nimbusds.jose.JOSEObjectType.JWT), claims("admin").build(), SECRET)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  @DisplayName("A valid token is accepted")
  void accepts(String name, String token) {
    assertThat(anonymous.get("/v1/models", "Authorization", "Bearer " + token).status()).isEqualTo(200);
  }

  static Stream<Arguments> refused() {
    JWTClaimsSet valid = claims("admin").build();
    String validHs = Jwts.secretHs256(valid);
    String payload = validHs.split("\\.")[1];
    String rsaPem = TestKeys.pem(RSA_1.getPublic());
    RSAKey outsiderJwk = new RSAKey.Builder((RSAPublicKey) OUTSIDER_RSA.getPublic()).build();
    String readerToken = Jwts.secretHs256(claims("reader").build());
    String[] readerParts = readerToken.split("\\.");
    return Stream.of(
        Arguments.of("no Authorization header", "bearer token is required", null),
        Arguments.of("Basic scheme", "Bearer scheme", "Basic dXNlcjpwYXNz"),
        Arguments.of("Bearer with nothing after it", "Bearer scheme", "Bearer "),
        Arguments.of("not a JWT", "not a signed JWT", "Bearer not-a-token"),
        Arguments.of("three segments of garbage", "header is not base64url-encoded JSON", "Bearer aaa.bbb.ccc"),
        Arguments.of("header not JSON", "header is not base64url-encoded JSON", "Bearer " + Jwts.segment("alg=HS256") + "." + payload + ".c2ln"),
        Arguments.of("five segments (JWE shape)", "not a signed JWT", "Bearer " + validHs + ".xx.yy"),
        Arguments.of("alg none, empty signature", "not a signed JWT", "Bearer " + Jwts.segment("{\"alg\":\"none\"}") + "." + payload + "."),
        Arguments.of("alg none, no signature segment", "not a signed JWT", "Bearer " + Jwts.segment("{\"alg\":\"none\"}") + "." + payload),
        Arguments.of("alg none with a signature", "alg 'none' is not accepted", "Bearer " + Jwts.withHeader("{\"alg\":\"none\",\"typ\":\"JWT\"}", validHs)),
        Arguments.of("alg NONE (case variant)", "alg 'NONE' is not accepted", "Bearer " + Jwts.withHeader("{\"alg\":\"NONE\"}", validHs)),
        Arguments.of("HS256 signed with another secret", "signature does not verify", "Bearer " + Jwts.hs256(header(JWSAlgorithm.HS256), valid,
            "another-secret-another-secret-0123456789".getBytes(StandardCharsets.UTF_8))),
        Arguments.of("payload swapped (reader token given admin roles)", "signature does not verify", "Bearer " + readerParts[0] + "."
            + payload + "." + readerParts[2]),
        Arguments.of("algorithm confusion: HS256 keyed with the RSA public key PEM", "signature does not verify", "Bearer " + Jwts.hs256(
            header(JWSAlgorithm.HS256), valid, rsaPem.getBytes(StandardCharsets.US_ASCII))),
        Arguments.of("algorithm confusion with kid rsa-1", "key id (kid)", "Bearer " + Jwts.hs256(header(JWSAlgorithm.HS256)
            .keyID("rsa-1"), valid, rsaPem.getBytes(StandardCharsets.US_ASCII))),
        Arguments.of("algorithm confusion: HS256 keyed with the RSA key's DER bytes", "signature does not verify", "Bearer " + Jwts.hs256(
            header(JWSAlgorithm.HS256), valid, RSA_1.getPublic().getEncoded())),
        Arguments.of("RS256 signed by a key not configured", "signature does not verify", "Bearer " + Jwts.rsa(header(JWSAlgorithm.RS256)
            .keyID("rsa-1"), valid, OUTSIDER_RSA.getPrivate())),
        Arguments.of("RS256 signed by rsa-1 but naming rsa-2", "signature does not verify", "Bearer " + Jwts.rsa(header(JWSAlgorithm.RS256)
            .keyID("rsa-2"), valid, RSA_1.getPrivate())),
        Arguments.of("RS512 with a configured RSA key (key bound to RS256)", "alg 'RS512' is not accepted", "Bearer " + Jwts.rsa(
            header(JWSAlgorithm.RS512).keyID("rsa-1"), valid, RSA_1.getPrivate())),
        Arguments.of("PS256 with a configured RSA key", "alg 'PS256' is not accepted", "Bearer " + Jwts.rsa(header(JWSAlgorithm.PS256), valid,
            RSA_1.getPrivate())),
        Arguments.of("ES256 signed by a key not configured", "signature does not verify", "Bearer " + Jwts.ec(header(JWSAlgorithm.ES256)
            .keyID("ec-1"), valid, OUTSIDER_EC.getPrivate())),
        Arguments.of("RS256 naming the EC key's kid", "key id (kid)", "Bearer " + Jwts.rsa(header(JWSAlgorithm.RS256).keyID("ec-1"),
            valid, RSA_1.getPrivate())),
        Arguments.of("HS256 naming an RSA key's kid", "key id (kid)", "Bearer " + Jwts.hs256(header(JWSAlgorithm.HS256)
            .keyID("rsa-1"), valid, SECRET)),
        Arguments.of("unknown kid", "key id (kid)", "Bearer " + Jwts.rsa(header(JWSAlgorithm.RS256).keyID("rsa-9"), valid,
            RSA_1.getPrivate())),
        Arguments.of("kid not a string", "'kid' is not a string", "Bearer " + Jwts.withHeader("{\"alg\":\"HS256\",\"kid\":7}", validHs)),
        Arguments.of("embedded jwk (attacker's key)", "'jwk' header", "Bearer " + Jwts.rsa(header(JWSAlgorithm.RS256)
            .jwk(outsiderJwk), valid, OUTSIDER_RSA.getPrivate())),
        Arguments.of("embedded jwk on an otherwise valid token", "'jwk' header", "Bearer " + Jwts.rsa(header(JWSAlgorithm.RS256)
            .keyID("rsa-1").jwk(new RSAKey.Builder((RSAPublicKey) RSA_1.getPublic()).build()), valid,
            RSA_1.getPrivate())),
        Arguments.of("x5c header", "'x5c' header", "Bearer " + Jwts.rsa(header(JWSAlgorithm.RS256).keyID("rsa-1")
            .x509CertChain(List.of(Base64.encode(RSA_1.getPublic().getEncoded()))), valid, RSA_1.getPrivate())),
        Arguments.of("jku header", "'jku' header", "Bearer " + Jwts.rsa(header(JWSAlgorithm.RS256).keyID("rsa-1")
            .jwkURL(URI.create("http://127.0.0.1:9/jwks.json")), valid, RSA_1.getPrivate())),
        Arguments.of("x5u header", "'x5u' header", "Bearer " + Jwts.rsa(header(JWSAlgorithm.RS256).keyID("rsa-1")
            .x509CertURL(URI.create("http://127.0.0.1:9/cert.pem")), valid, RSA_1.getPrivate())),
        Arguments.of("crit header", "(crit)", "Bearer " + Jwts.hs256(header(JWSAlgorithm.HS256).criticalParams(Set.of("x-ext"))
            .customParam("x-ext", true), valid, SECRET)),
        Arguments.of("expired 2 min ago", "has expired (exp", "Bearer " + Jwts.secretHs256(claims("admin")
            .expirationTime(in(Duration.ofMinutes(-2))).build())),
        Arguments.of("nbf 2 min ahead", "not valid yet (nbf", "Bearer " + Jwts.secretHs256(claims("admin")
            .notBeforeTime(in(Duration.ofMinutes(2))).build())),
        Arguments.of("iat 2 min ahead", "issued in the future (iat", "Bearer " + Jwts.secretHs256(claims("admin")
            .issueTime(in(Duration.ofMinutes(2))).build())),
        Arguments.of("no exp", "no expiry (exp)", "Bearer " + Jwts.secretHs256(claims("admin").expirationTime(null).build())),
        Arguments.of("exp not a number", "exp is not a NumericDate", "Bearer " + Jwts.secretHs256(claims("admin").expirationTime(null)
            .claim("exp", "tomorrow").build())),
        Arguments.of("wrong iss", "issuer (iss)", "Bearer " + Jwts.secretHs256(claims("admin").issuer("https://evil.test").build())),
        Arguments.of("no iss", "issuer (iss)", "Bearer " + Jwts.secretHs256(claims("admin").issuer(null).build())),
        Arguments.of("wrong aud", "audience (aud)", "Bearer " + Jwts.secretHs256(claims("admin").audience("other-service").build())),
        Arguments.of("no aud", "audience (aud)", "Bearer " + Jwts.secretHs256(claims("admin").audience((String) null).build())),
        Arguments.of("nbf not a number", "nbf is not a NumericDate", "Bearer " + Jwts.secretHs256(claims("admin")
            .claim("nbf", "now").build())),
        Arguments.of("iat not a number", "iat is not a NumericDate", "Bearer " + Jwts.secretHs256(claims("admin")
            .issueTime(null).claim("iat", true).build())),
        Arguments.of("lifetime exp - iat of 24 h and 1 s", "lifetime (exp - iat) is longer than the maximum of 24 h",
            "Bearer " + Jwts.secretHs256(claims("admin").issueTime(in(Duration.ZERO))
                .expirationTime(in(Duration.ofHours(24).plusSeconds(1))).build())),
        Arguments.of("lifetime of ten years, issued long ago", "lifetime (exp - iat) is longer than the maximum of 24 h", "Bearer " + Jwts.secretHs256(
            claims("admin").issueTime(in(Duration.ofDays(-3650))).expirationTime(in(Duration.ofHours(1))).build())),
        Arguments.of("no iat, exp 25 h ahead", "has no iat and expires more than 24 h from now", "Bearer "
            + Jwts.secretHs256(claims("admin").issueTime(null).expirationTime(in(Duration.ofHours(25))).build())),
        Arguments.of("payload not JSON", "payload is not base64url-encoded JSON", "Bearer " + validHs.split("\\.")[0]
            + "." + Jwts.segment("sub=admin") + "." + validHs.split("\\.")[2]),
        Arguments.of("no sub", "no usable subject (sub)", "Bearer " + Jwts.secretHs256(claims("admin").subject(null).build())),
        Arguments.of("blank sub", "no usable subject (sub)", "Bearer " + Jwts.secretHs256(claims("admin").subject(" ").build())),
        Arguments.of("sub not a string", "no usable subject (sub)", "Bearer " + Jwts.secretHs256(claims("admin")
            .subject(null).claim("sub", 42).build())),
        Arguments.of("sub with a newline (control)", "subject (sub) holds control, format", "Bearer "
            + Jwts.secretHs256(claims("admin").subject("alice\nadmin").build())),
        Arguments.of("sub with a right-to-left override (bidi, Cf)", "subject (sub) holds control, format", "Bearer "
            + Jwts.secretHs256(claims("admin").subject("alice\u202Enimda").build())),
        Arguments.of("sub with a right-to-left isolate (bidi, Cf)", "subject (sub) holds control, format", "Bearer "
            + Jwts.secretHs256(claims("admin").subject("\u2067alice").build())),
        Arguments.of("sub with a zero-width joiner (Cf)", "subject (sub) holds control, format", "Bearer "
            + Jwts.secretHs256(claims("admin").subject("ali\u200Dce").build())),
        Arguments.of("sub with a line separator (Zl)", "subject (sub) holds control, format", "Bearer "
            + Jwts.secretHs256(claims("admin").subject("alice\u2028admin").build())),
        Arguments.of("sub with a paragraph separator (Zp)", "subject (sub) holds control, format", "Bearer "
            + Jwts.secretHs256(claims("admin").subject("alice\u2029admin").build())),
        Arguments.of("typ not a string", "'typ' is not a string", "Bearer " + Jwts.withHeader(
            "{\"alg\":\"HS256\",\"typ\":1}", validHs)),
        Arguments.of("ES256 signature of the wrong length", "signature cannot be checked", "Bearer "
            + Jwts.ec(header(JWSAlgorithm.ES256).keyID("ec-1"), valid, EC_1.getPrivate()).replaceAll("\\.[^.]+$", ".AAAA")),
        Arguments.of("roles claim not an array", "roles claim 'roles'", "Bearer " + Jwts.secretHs256(claims().claim("roles", "admin").build())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  @DisplayName("An invalid or hostile token is refused with 401, WWW-Authenticate: Bearer and a problem")
  void refuses(String name, String because, String authorization) {
    try (LogCapture errors = LogCapture.all(); LogCapture audit = LogCapture.audit()) {
      Reply reply = authorization == null ? anonymous.get("/v1/models")
          : anonymous.get("/v1/models", "Authorization", authorization);

      assertThat(reply.status()).as(name).isEqualTo(401);
      assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer realm=\"model-registry\"");
      assertThat(reply.header("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
      assertThat(reply.problemType()).isEqualTo("unauthorized");
      String detail = reply.json().getString("detail");
      assertThat(detail).as("why").contains(because);
      assertThat(refused().map(arguments -> (String) arguments.get()[1]).filter(other -> !other.equals(because)))
          .as("every other reason has a detail of its own").noneMatch(detail::contains);
      assertThat(errors.errors()).as("nothing logged as an error for a 401").isEmpty();
      assertThat(audit.jsonLines()).singleElement().satisfies(line -> {
        assertThat(line.getString("outcome")).isEqualTo("refused");
        assertThat(line.getInteger("status")).isEqualTo(401);
        assertThat(line.getString("request")).isEqualTo("GET /v1/models");
      });
    }
  }

  @Test
  @DisplayName("A mutation with a refused token changes nothing and reads no body")
  void refusedMutationChangesNothing() {
    String expired = Jwts.secretHs256(claims("admin").expirationTime(in(Duration.ofMinutes(-5))).build());
    Reply reply = anonymous.post("/v1/models", "{\"id\":\"never-stored\",\"baseModel\":\"b\",\"version\":\"1\"}",
        "Authorization", "Bearer " + expired);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(TestNodes.http(node).get("/v1/models/never-stored").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("The token's detail says why it was refused")
  void detailSaysWhy() {
    String wrongAudience = Jwts.secretHs256(claims("admin").audience("other").build());
    JsonObject problem = anonymous.get("/v1/models", "Authorization", "Bearer " + wrongAudience).json();

    assertThat(problem.getString("detail")).contains("audience");
  }
}
