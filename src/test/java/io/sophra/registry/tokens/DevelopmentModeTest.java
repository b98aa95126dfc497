package io.sophra.registry.tokens;

import io.sophra.registry.RegistryNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import com.hazelcast.cluster.Address;
import com.nimbusds.jwt.SignedJWT;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.support.BlockedThreadGuard;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Interfaces;
import io.sophra.registry.support.LogCapture;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.NodeInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Development mode: with no key configured the node still never runs open")
class DevelopmentModeTest {

  @TempDir
  Path work;

  private Map<String, String> devSettings(Path dataDir) {
    return Map.of("MODEL_REGISTRY_JWT_SECRET", TestNodes.UNSET, "MODEL_REGISTRY_JWT_ISSUER", "",
        "MODEL_REGISTRY_JWT_AUDIENCE", "",
        "MODEL_REGISTRY_DATA_DIR", dataDir.toString(), "MODEL_REGISTRY_HTTP_HOST", "0.0.0.0");
  }

  /** The configuration a node started with {@link #devSettings} reads (without TestNodes' cluster settings). */
  private RegistryConfig devConfig(Path dataDir) {
    Map<String, String> env = new HashMap<>(devSettings(dataDir));
    env.values().removeIf(TestNodes.UNSET::equals);
    return ConfigLoader.load(env, Map.of());
  }

  private static String mint(RegistryConfig config, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = TokenCommand.run(List.of(args), config, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(status).isZero();
    return out.toString(StandardCharsets.UTF_8).trim();
  }

  private static Http client(RegistryNode node, String token) {
    return new Http(TestNodes.url(node)).withHeader("Authorization", "Bearer " + token);
  }

  @Test
  @DisplayName("Loopback only, an owner-only secret made once and reused, an admin token printed, tokens minted by the command accepted")
  void developmentMode() throws Exception {
    Path dataDir = work.resolve("data");
    RegistryNode first;
    String bannerToken;
    try (LogCapture logs = LogCapture.all()) {
      first = TestNodes.single(devSettings(dataDir));
      String banner = logs.events().stream().filter(event -> event.getLevel() == Level.WARN)
          .map(event -> event.getFormattedMessage()).filter(message -> message.contains("DEVELOPMENT MODE"))
          .findFirst().orElseThrow();
      bannerToken = banner.lines().map(String::trim).filter(line -> line.startsWith("eyJ")).findFirst().orElseThrow();
    }
    RegistryNode second = null;
    try {
      assertThat(first.config().http().host()).isEqualTo("127.0.0.1");
      assertNotReachableOutsideLoopback(first.config().http().port());
      Path secret = dataDir.resolve("dev-secret");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
      String secretText = Files.readString(secret);
      FileTime written = Files.getLastModifiedTime(secret);

      assertThat(client(first, bannerToken).get("/v1/audit").status()).isEqualTo(200);
      assertThat(client(first, TestTokens.admin()).get("/v1/models").status()).isEqualTo(401);
      String readerToken = mint(first.config(), "--sub", "ci", "--roles", "reader");
      SignedJWT parsed = SignedJWT.parse(readerToken);
      assertThat(parsed.getJWTClaimsSet().getIssuer()).isEqualTo("model-registry-dev");
      assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly("model-registry-dev");
      assertThat(client(first, readerToken).get("/v1/models").status()).isEqualTo(200);
      assertThat(client(first, readerToken).delete("/v1/models/anything").status()).isEqualTo(403);

      second = TestNodes.single(devSettings(dataDir));
      assertThat(Files.readString(secret)).isEqualTo(secretText);
      assertThat(Files.getLastModifiedTime(secret)).isEqualTo(written);
      assertThat(client(second, readerToken).get("/v1/models").status()).isEqualTo(200);
      assertThat(client(second, bannerToken).get("/v1/audit").status()).isEqualTo(200);
    } finally {
      TestNodes.stop(first, second);
    }
  }

  /** Nothing on this host's first non-loopback IPv4 address accepts connections on the port (if it has one). */
  private static void assertNotReachableOutsideLoopback(int port) {
    Interfaces.externalIpv4().ifPresent(external -> assertThat(Interfaces.accepts(external, port))
        .as("something answers on " + external + ":" + port).isFalse());
  }

  @Test
  @DisplayName("A development secret other users can read stops start-up with one line")
  void secretReadableByOthers() throws Exception {
    Path dataDir = Files.createDirectories(work.resolve("shared"));
    Path secret = Files.writeString(dataDir.resolve("dev-secret"), "x".repeat(64));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    Throwable failure = RegistryNode.start(devConfig(dataDir), BlockedThreadGuard.options())
        .toCompletionStage().toCompletableFuture().handle((node, error) -> error).get(10, TimeUnit.SECONDS);

    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).doesNotContain("\n").contains("MODEL_REGISTRY_DATA_DIR", "chmod 600");
  }

  @Test
  @DisplayName("Configured with a non-loopback cluster host, members and event-bus host, a dev-mode node binds its"
      + " Hazelcast member and its event bus to 127.0.0.1 only and joins only loopback members")
  void clusterAndEventBusConfinedToLoopback() {
    String external = Interfaces.externalIpv4().map(InetAddress::getHostAddress).orElse("192.0.2.254");
    Map<String, String> settings = new HashMap<>(devSettings(work.resolve("data")));
    settings.put("MODEL_REGISTRY_CLUSTER_HOST", external);
    settings.put("MODEL_REGISTRY_CLUSTER_MEMBERS", external + ":5701," + external + ":5702");
    settings.put("MODEL_REGISTRY_EVENTBUS_HOST", external);
    settings.put("MODEL_REGISTRY_EVENTBUS_PUBLIC_HOST", "registry.example");
    RegistryNode node = TestNodes.single(settings);
    try {
      Address member = node.hazelcast().getCluster().getLocalMember().getAddress();
      assertThat(member.getHost()).isEqualTo("127.0.0.1");
      assertThat(node.hazelcast().getConfig().getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
          .containsExactly("127.0.0.1:" + member.getPort());
      NodeInfo eventBus = ((VertxInternal) node.vertx()).clusterManager().getNodeInfo();
      assertThat(eventBus.host()).isEqualTo("127.0.0.1");
      assertThat(node.config().eventBus().publicHost()).isEmpty();

      assertThat(Interfaces.accepts(InetAddress.getLoopbackAddress(), member.getPort())).isTrue();
      assertNotReachableOutsideLoopback(member.getPort());
      assertThat(Interfaces.accepts(InetAddress.getLoopbackAddress(), eventBus.port())).isTrue();
      assertNotReachableOutsideLoopback(eventBus.port());
    } finally {
      TestNodes.stop(node);
    }
  }

  @Test
  @DisplayName("A development secret that is a symbolic link stops start-up with one line, even to a good secret")
  void secretSymlink() throws Exception {
    Path dataDir = Files.createDirectories(work.resolve("linked"));
    Path elsewhere = Files.writeString(work.resolve("planted-secret"), "y".repeat(64));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
    Files.createSymbolicLink(dataDir.resolve("dev-secret"), elsewhere);

    Throwable failure = catchThrowable(() -> TokenSetup.resolve(devConfig(dataDir)));

    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).doesNotContain("\n").contains("MODEL_REGISTRY_DATA_DIR", "symbolic link");
  }

  @Test
  @DisplayName("A development secret that belongs to another user stops start-up with one line")
  void secretOfAnotherUser() throws Exception {
    Path dataDir = Files.createDirectories(work.resolve("foreign"));
    Path secret = Files.writeString(dataDir.resolve("dev-secret"), "z".repeat(64));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    try {
      Files.setAttribute(secret, "unix:uid", 65534);
    } catch (IOException notRoot) {
      assumeThat(notRoot).as("changing a file's owner needs root").isNull();
    }

    Throwable failure = catchThrowable(() -> TokenSetup.resolve(devConfig(dataDir)));

    assertThat(failure).isInstanceOf(ConfigException.class);
    assertThat(failure.getMessage()).doesNotContain("\n").contains("MODEL_REGISTRY_DATA_DIR", "belongs to another user",
        "uid 65534");
  }
}
