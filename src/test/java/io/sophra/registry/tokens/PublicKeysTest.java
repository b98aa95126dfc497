package io.sophra.registry.tokens;

import io.sophra.registry.RegistryNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.ConfigLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sophra.registry.config.JwtSettings;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.registry.Permission;
import io.sophra.registry.security.RolePermissions;
import io.sophra.registry.support.BlockedThreadGuard;
import io.sophra.registry.support.Jwts;
import io.sophra.registry.support.TestKeys;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Public key files: each key is bound to the one algorithm its type allows, or start-up stops")
class PublicKeysTest {

  @TempDir
  Path dir;

  private RegistryConfig config(Path keyFile) {
    Map<String, String> env = new HashMap<>(TestTokens.SETTINGS);
    env.remove("MODEL_REGISTRY_JWT_SECRET");
    env.put("MODEL_REGISTRY_JWT_PUBLIC_KEY", keyFile.toString());
    return ConfigLoader.load(env, Map.of());
  }

  /** The node's start fails with this one line, before any cluster is joined. */
  private String startFailure(Path keyFile) throws Exception {
    Throwable failure = RegistryNode.start(config(keyFile), BlockedThreadGuard.options())
        .toCompletionStage().toCompletableFuture().handle((node, error) -> error).get(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).doesNotContain("\n").startsWith("MODEL_REGISTRY_JWT_PUBLIC_KEY");
    return failure.getMessage();
  }

  @Test
  @DisplayName("A file without a PEM public key, a PKCS#1 RSA key, a 1024-bit RSA key and a P-384 key are refused")
  void unusableKeys() throws Exception {
    assertThat(startFailure(TestKeys.write(dir.resolve("text.pem"), "not a key\n"))).contains("holds no PEM");
    String pkcs1 = "-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA\n-----END RSA PUBLIC KEY-----\n";
    assertThat(startFailure(TestKeys.write(dir.resolve("pkcs1.pem"), pkcs1))).contains("openssl rsa -RSAPublicKey_in");
    assertThat(startFailure(TestKeys.writePem(dir, "small.pem", TestKeys.rsa(1024).getPublic())))
        .contains("1024 bits");
    assertThat(startFailure(TestKeys.writePem(dir, "p384.pem", TestKeys.ec("secp384r1").getPublic())))
        .contains("only RSA (RS256) and EC P-256 (ES256)");
    assertThat(startFailure(TestKeys.write(dir.resolve("broken.pem"),
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))).contains("not a valid RSA or EC public key");
  }

  @Test
  @DisplayName("RSA keys are bound to RS256 and P-256 keys to ES256, with their key ids")
  void algorithmsByKeyType() {
    PubSecKeyOptions rsa = PublicKeys.load(new JwtSettings.PublicKey(Optional.of("r"),
        TestKeys.writePem(dir, "rsa.pem", TestKeys.rsa(2048).getPublic())));
    PubSecKeyOptions ec = PublicKeys.load(new JwtSettings.PublicKey(Optional.empty(),
        TestKeys.writePem(dir, "ec.pem", TestKeys.ec("secp256r1").getPublic())));

    assertThat(rsa.getAlgorithm()).isEqualTo("RS256");
    assertThat(rsa.getId()).isEqualTo("r");
    assertThat(ec.getAlgorithm()).isEqualTo("ES256");
    assertThat(ec.getId()).isNull();
  }

  @Test
  @DisplayName("An X.509 certificate PEM (as identity providers publish) verifies tokens of its key")
  void certificate() throws Exception {
    Path store = dir.resolve("idp.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "idp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=idp.test",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    Certificate certificate = keys.getCertificate("idp");
    Path pem = TestKeys.write(dir.resolve("idp.crt"), "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder().encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    PubSecKeyOptions key = PublicKeys.load(new JwtSettings.PublicKey(Optional.of("idp-1"), pem));

    Vertx vertx = Vertx.vertx();
    try {
      TokenVerifier verifier = TestVerifiers.create(vertx, TestVerifiers.rules(List.of(key)), new VerifierPool(1, 8),
          new SimpleMeterRegistry());
      String token = Jwts.rsa(Jwts.header(JWSAlgorithm.RS256).keyID("idp-1"), Jwts.claims("reader").build(),
          (PrivateKey) keys.getKey("idp", "changeit".toCharArray()));

      var caller = verifier.verify(token).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(caller.subject()).isEqualTo("attacker-test");
      assertThat(caller.permissions()).containsExactly(Permission.READ_MODEL);
    } finally {
      vertx.close();
    }
  }
}
