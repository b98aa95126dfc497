package io.sophra.registry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sophra.registry.support.TestKeys;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Token settings: start-up refuses what cannot be safe, with one line naming the setting")
class JwtSettingsTest {

  private static final String ISSUER = "https://issuer.test";
  private static final String AUDIENCE = "model-registry";

  @TempDir
  Path dir;

  private static RegistryConfig load(Map<String, String> environment) {
    return ConfigLoader.load(environment, Map.of());
  }

  private static void assertOneLine(Throwable failure, String... fragments) {
    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).doesNotContain("\n").contains(fragments);
  }

  @Test
  @DisplayName("A secret of 31 bytes is refused without showing it; 32 bytes are accepted")
  void shortSecret() {
    String secret31 = "x".repeat(31);
    Throwable failure = catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_SECRET", secret31,
        "MODEL_REGISTRY_JWT_ISSUER", ISSUER, "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE)));

    assertOneLine(failure, "MODEL_REGISTRY_JWT_SECRET", "at least 32 bytes", "has 31");
    assertThat(failure.getMessage()).doesNotContain(secret31);
    assertThat(load(Map.of("MODEL_REGISTRY_JWT_SECRET", "é".repeat(16), "MODEL_REGISTRY_JWT_ISSUER", ISSUER,
        "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE)).jwt().secret()).hasValue("é".repeat(16));
  }

  @Test
  @DisplayName("A secret without issuer, or without audience, is refused")
  void secretWithoutIssuerOrAudience() {
    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_SECRET", "s".repeat(40),
        "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE))), "MODEL_REGISTRY_JWT_ISSUER", "must be set whenever a key is configured");
    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_SECRET", "s".repeat(40),
        "MODEL_REGISTRY_JWT_ISSUER", ISSUER))), "MODEL_REGISTRY_JWT_AUDIENCE", "must be set whenever a key is configured");
  }

  @Test
  @DisplayName("A public key without issuer is refused")
  void publicKeyWithoutIssuer() {
    Path pem = TestKeys.writePem(dir, "rsa.pem", TestKeys.rsa(2048).getPublic());

    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_PUBLIC_KEY", pem.toString(),
        "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE))), "MODEL_REGISTRY_JWT_ISSUER");
  }

  @Test
  @DisplayName("A key file that does not exist, or is a directory, is refused naming the file")
  void unreadableKeyFile() {
    Path missing = dir.resolve("missing.pem");
    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_PUBLIC_KEY", "main=" + missing,
        "MODEL_REGISTRY_JWT_ISSUER", ISSUER, "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE))),
        "MODEL_REGISTRY_JWT_PUBLIC_KEY", "cannot read the key file", missing.toString(), "no such file");
    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_PUBLIC_KEY", dir.toString(),
        "MODEL_REGISTRY_JWT_ISSUER", ISSUER, "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE))),
        "MODEL_REGISTRY_JWT_PUBLIC_KEY", "not a readable file");
  }

  @Test
  @DisplayName("Several keys, each with an optional key id, are read in order; a repeated id is refused")
  void severalKeys() {
    Path first = TestKeys.writePem(dir, "a.pem", TestKeys.rsa(2048).getPublic());
    Path second = TestKeys.writePem(dir, "b.pem", TestKeys.ec("secp256r1").getPublic());

    JwtSettings jwt = load(Map.of("MODEL_REGISTRY_JWT_PUBLIC_KEY", "2025-01=" + first + ", " + second,
        "MODEL_REGISTRY_JWT_ISSUER", ISSUER, "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE)).jwt();

    assertThat(jwt.publicKeys()).containsExactly(new JwtSettings.PublicKey(Optional.of("2025-01"), first),
        new JwtSettings.PublicKey(Optional.empty(), second));
    assertThatThrownBy(() -> load(Map.of("MODEL_REGISTRY_JWT_PUBLIC_KEY", "k=" + first + ",k=" + second,
        "MODEL_REGISTRY_JWT_ISSUER", ISSUER, "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("key id 'k' is given to two keys");
  }

  @Test
  @DisplayName("No key at all is development mode; the roles claim and audit retention have their defaults")
  void defaults() {
    RegistryConfig config = load(Map.of());

    assertThat(config.jwt().hasKey()).isFalse();
    assertThat(config.jwt().rolesClaim()).isEqualTo("roles");
    assertThat(config.audit().retention()).isEqualTo(100_000);
    assertThat(load(Map.of("MODEL_REGISTRY_AUDIT_RETENTION", "250")).audit().retention()).isEqualTo(250);
    assertThatThrownBy(() -> load(Map.of("MODEL_REGISTRY_AUDIT_RETENTION", "0")))
        .hasMessageContaining("MODEL_REGISTRY_AUDIT_RETENTION");
    assertThatThrownBy(() -> load(Map.of("MODEL_REGISTRY_JWT_ROLES_CLAIM", "realm_access..roles")))
        .hasMessageContaining("MODEL_REGISTRY_JWT_ROLES_CLAIM");
  }

  @Test
  @DisplayName("A key variable set but empty stops start-up with one line; only an absent key means development mode")
  void emptyKeyVariable() {
    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_SECRET", "",
        "MODEL_REGISTRY_JWT_ISSUER", ISSUER, "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE))),
        "MODEL_REGISTRY_JWT_SECRET", "is set but empty");
    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_PUBLIC_KEY", "  "))),
        "MODEL_REGISTRY_JWT_PUBLIC_KEY", "is set but empty");
    assertOneLine(catchThrowable(() -> ConfigLoader.load(Map.of(), Map.of("MODEL_REGISTRY_JWT_SECRET", ""))),
        "MODEL_REGISTRY_JWT_SECRET", "is set but empty");
    Path pem = TestKeys.writePem(dir, "rsa.pem", TestKeys.rsa(2048).getPublic());
    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_SECRET", "",
        "MODEL_REGISTRY_JWT_PUBLIC_KEY", pem.toString(), "MODEL_REGISTRY_JWT_ISSUER", ISSUER,
        "MODEL_REGISTRY_JWT_AUDIENCE", AUDIENCE))), "MODEL_REGISTRY_JWT_SECRET", "is set but empty");

    assertThat(load(Map.of()).jwt().hasKey()).as("absent: development mode").isFalse();
  }

  @Test
  @DisplayName("Lifetime, typ and the verification pool: defaults 24 h, none, 2 threads and 256 waiting; bad values refused")
  void tokenPolicy() {
    JwtSettings defaults = load(Map.of()).jwt();
    assertThat(defaults.maxLifetime()).isEqualTo(java.time.Duration.ofHours(24));
    assertThat(defaults.requiredType()).isEmpty();
    assertThat(defaults.verifyThreads()).isEqualTo(2);
    assertThat(defaults.verifyQueue()).isEqualTo(256);

    JwtSettings set = load(Map.of("MODEL_REGISTRY_JWT_MAX_LIFETIME", "90m", "MODEL_REGISTRY_JWT_TYP", "AT+JWT",
        "MODEL_REGISTRY_JWT_VERIFY_THREADS", "4", "MODEL_REGISTRY_JWT_VERIFY_QUEUE", "0")).jwt();
    assertThat(set.maxLifetime()).isEqualTo(java.time.Duration.ofMinutes(90));
    assertThat(set.requiredType()).hasValue("at+jwt");
    assertThat(set.verifyThreads()).isEqualTo(4);
    assertThat(set.verifyQueue()).isZero();

    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_MAX_LIFETIME", "0"))),
        "MODEL_REGISTRY_JWT_MAX_LIFETIME");
    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_TYP", "at jwt"))), "MODEL_REGISTRY_JWT_TYP",
        "media type");
    assertOneLine(catchThrowable(() -> load(Map.of("MODEL_REGISTRY_JWT_VERIFY_THREADS", "0"))),
        "MODEL_REGISTRY_JWT_VERIFY_THREADS");
  }
}
