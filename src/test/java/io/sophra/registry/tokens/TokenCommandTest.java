package io.sophra.registry.tokens;

import io.sophra.registry.Main;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.support.TestKeys;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("java -jar model-registry.jar token mints a token and starts nothing")
class TokenCommandTest {

  @TempDir
  Path work;

  private record Run(int status, String out, String err) {
  }

  private static Run run(RegistryConfig config, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = TokenCommand.run(List.of(args), config, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8).trim(), err.toString(StandardCharsets.UTF_8));
  }

  private static RegistryConfig config(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(TestTokens.SETTINGS);
    env.putAll(extra);
    env.values().removeIf(TestNodes.UNSET::equals);
    return ConfigLoader.load(env, Map.of());
  }

  @Test
  @DisplayName("With a configured secret: signed with it, the configured iss and aud, roles at a dotted roles claim")
  void configuredSecret() throws Exception {
    Run run = run(config(Map.of("MODEL_REGISTRY_JWT_ROLES_CLAIM", "realm_access.roles")),
        "--sub", "pipeline", "--roles", "writer, reader", "--ttl", "2h");

    assertThat(run.status()).isZero();
    SignedJWT token = SignedJWT.parse(run.out());
    assertThat(token.verify(new MACVerifier(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
    assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
    JWTClaimsSet claims = token.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("pipeline");
    assertThat(claims.getIssuer()).isEqualTo(TestTokens.ISSUER);
    assertThat(claims.getAudience()).containsExactly(TestTokens.AUDIENCE);
    assertThat(claims.getJSONObjectClaim("realm_access").get("roles")).isEqualTo(List.of("writer", "reader"));
    long ttl = claims.getExpirationTime().toInstant().getEpochSecond() - Instant.now().getEpochSecond();
    assertThat(ttl).isBetween(7000L, 7200L);
  }

  @Test
  @DisplayName("With only public keys configured it refuses: such tokens come from the identity provider")
  void publicKeysOnly() {
    Path pem = TestKeys.writePem(work, "rsa.pem", TestKeys.rsa(2048).getPublic());
    Run run = run(config(Map.of("MODEL_REGISTRY_JWT_SECRET", TestNodes.UNSET, "MODEL_REGISTRY_JWT_PUBLIC_KEY", pem.toString())),
        "--sub", "x", "--roles", "reader");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("MODEL_REGISTRY_JWT_SECRET");
  }

  @Test
  @DisplayName("Usage errors exit 2 with the usage line; an unknown role is pointed out")
  void usage() {
    RegistryConfig config = config(Map.of());
    for (String[] args : List.of(new String[] {"--roles", "reader"}, new String[] {"--sub"},
        new String[] {"--sub", "x", "--ttl", "forever"}, new String[] {"--sub", "x", "--color", "red"})) {
      Run run = run(config, args);
      assertThat(run.status()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err()).contains(TokenCommand.USAGE);
    }
    Run unknownRole = run(config, "--sub", "x", "--roles", "superuser");
    assertThat(unknownRole.status()).isZero();
    assertThat(unknownRole.err()).contains("role 'superuser' grants no permission");
  }

  @Test
  @DisplayName("A --ttl longer than the maximum token lifetime is refused; the maximum itself is minted")
  void ttlWithinMaximumLifetime() throws Exception {
    Run tooLong = run(config(Map.of()), "--sub", "x", "--ttl", "25h");
    assertThat(tooLong.status()).isEqualTo(2);
    assertThat(tooLong.out()).isEmpty();
    assertThat(tooLong.err()).contains("--ttl 25h is longer than the maximum token lifetime of 24 h",
        "MODEL_REGISTRY_JWT_MAX_LIFETIME");
    assertThat(run(config(Map.of("MODEL_REGISTRY_JWT_MAX_LIFETIME", "30m")), "--sub", "x", "--ttl", "1h").status())
        .isEqualTo(2);

    Run longest = run(config(Map.of()), "--sub", "x", "--ttl", "1d");
    assertThat(longest.status()).isZero();
    JWTClaimsSet claims = SignedJWT.parse(longest.out()).getJWTClaimsSet();
    assertThat(claims.getExpirationTime().getTime() / 1000 - claims.getIssueTime().getTime() / 1000).isEqualTo(86_400);
  }

  @Test
  @DisplayName("When a typ is required, the minted token carries it")
  void requiredType() throws Exception {
    Run run = run(config(Map.of("MODEL_REGISTRY_JWT_TYP", "application/AT+JWT")), "--sub", "x");

    assertThat(run.status()).isZero();
    assertThat(SignedJWT.parse(run.out()).getHeader().getType().getType()).isEqualTo("at+jwt");
    assertThat(SignedJWT.parse(run(config(Map.of()), "--sub", "x").out()).getHeader().getType().getType())
        .isEqualTo("JWT");
  }

  @Test
  @DisplayName("As a process with no key configured: one token line from the dev secret, exit 0, no node started")
  void processInDevelopmentMode() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "token", "--sub", "ci", "--roles", "admin"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("MODEL_REGISTRY_"));
    builder.environment().put("MODEL_REGISTRY_DATA_DIR", work.resolve("data").toString());
    Process process = builder.start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    List<String> out = Files.readAllLines(work.resolve("out.txt"));
    assertThat(out).singleElement().asString().matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(Files.readString(work.resolve("err.txt"))).doesNotContain("Hazelcast").doesNotContain("ready");
    String secret = Files.readString(work.resolve("data").resolve("dev-secret")).trim();
    assertThat(SignedJWT.parse(out.get(0)).verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))).isTrue();
  }

  @Test
  @DisplayName("As a process, a short secret stops it with exit 1 and one line naming the setting")
  void processWithShortSecret() throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "token", "--sub", "ci");
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve("out.txt").toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("MODEL_REGISTRY_"));
    builder.environment().putAll(TestTokens.SETTINGS);
    builder.environment().put("MODEL_REGISTRY_JWT_SECRET", "too-short");
    Process process = builder.start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(Files.readAllLines(work.resolve("out.txt"))).containsExactly("model-registry: configuration error:"
        + " MODEL_REGISTRY_JWT_SECRET (config.json \"jwt.secret\"): must be at least 32 bytes (256 bits) for HS256,"
        + " but has 9 (the value is not shown)");
  }
}
