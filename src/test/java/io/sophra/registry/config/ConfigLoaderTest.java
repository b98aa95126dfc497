package io.sophra.registry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Configuration: bundled defaults < config.json < environment < system properties")
class ConfigLoaderTest {

  @TempDir
  Path confDir;

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put(Setting.CONF_DIR, confDir.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  @DisplayName("With nothing set, the documented defaults apply")
  void defaults() {
    RegistryConfig config = ConfigLoader.load(env(), Map.of());
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.cluster().name()).isEqualTo("model-registry");
    assertThat(config.cluster().members()).containsExactly("127.0.0.1");
    assertThat(config.cluster().port()).isEqualTo(5701);
    assertThat(config.cluster().backupCount()).isEqualTo(1);
    assertThat(config.eventBus().host()).isEqualTo("127.0.0.1");
    assertThat(config.eventBus().port()).isEqualTo(5801);
    assertThat(config.eventBus().publicHost()).isEmpty();
    assertThat(config.node().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.node().maxModels()).isEqualTo(5000);
    assertThat(config.persistence().mode()).isEqualTo(Persistence.MEMORY);
    assertThat(config.persistence().redisUrl()).isEqualTo("redis://localhost:6379");
    assertThat(config.http().maxBodySize()).isEqualTo(256 * 1024);
    assertThat(config.jwt().rolesClaim()).isEqualTo("roles");
    assertThat(config.jwt().hasKey()).isFalse();
    assertThat(config.roles()).containsEntry("reader", java.util.Set.of("READ_MODEL"))
        .containsEntry("writer", java.util.Set.of("READ_MODEL", "REGISTER_MODEL", "UPDATE_MODEL", "WRITE_METRICS"));
    assertThat(config.roles().get("admin")).hasSize(io.sophra.registry.registry.Permission.values().length);
  }

  @Test
  @DisplayName("config.json overrides the defaults, the environment overrides config.json, system properties override both")
  void precedence() throws IOException {
    Files.writeString(confDir.resolve("config.json"), """
        {"http": {"port": 9000, "host": "127.0.0.2"}, "maxModels": 10, "cluster": {"members": ["10.0.0.1", "10.0.0.2:5702"]}}""");
    RegistryConfig fileOnly = ConfigLoader.load(env(), Map.of());
    assertThat(fileOnly.http().port()).isEqualTo(9000);
    assertThat(fileOnly.node().maxModels()).isEqualTo(10);
    assertThat(fileOnly.cluster().members()).containsExactly("10.0.0.1", "10.0.0.2:5702");

    RegistryConfig withEnv = ConfigLoader.load(env("MODEL_REGISTRY_HTTP_PORT", "9001"), Map.of());
    assertThat(withEnv.http().port()).isEqualTo(9001);
    assertThat(withEnv.http().host()).isEqualTo("127.0.0.2");

    RegistryConfig withProperty = ConfigLoader.load(env("MODEL_REGISTRY_HTTP_PORT", "9001"),
        Map.of("MODEL_REGISTRY_HTTP_PORT", "9002", "MODEL_REGISTRY_MAX_MODELS", "7"));
    assertThat(withProperty.http().port()).isEqualTo(9002);
    assertThat(withProperty.node().maxModels()).isEqualTo(7);
  }

  @Test
  @DisplayName("The seed's variables work exactly as written")
  void seedVariables() {
    RegistryConfig config = ConfigLoader.load(env("MODEL_REGISTRY_PERSISTENCE", "redis",
        "MODEL_REGISTRY_REDIS_URL", "redis://cache:6380/2", "MODEL_REGISTRY_MAX_MODELS", "1000"), Map.of());
    assertThat(config.persistence().mode()).isEqualTo(Persistence.REDIS);
    assertThat(config.persistence().redisUrl()).isEqualTo("redis://cache:6380/2");
    assertThat(config.node().maxModels()).isEqualTo(1000);
  }

  @Test
  @DisplayName("Durations accept ms, s, m and h")
  void durations() {
    assertThat(ConfigLoader.load(env("MODEL_REGISTRY_REQUEST_TIMEOUT", "750ms"), Map.of()).node().requestTimeout())
        .isEqualTo(Duration.ofMillis(750));
    assertThat(ConfigLoader.load(env("MODEL_REGISTRY_REQUEST_TIMEOUT", "1m"), Map.of()).node().requestTimeout())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  @DisplayName("An invalid value fails with one line naming the setting and what it accepts")
  void invalidValues() {
    List<String[]> cases = List.of(
        new String[] {"MODEL_REGISTRY_HTTP_PORT", "http"},
        new String[] {"MODEL_REGISTRY_HTTP_PORT", "70000"},
        new String[] {"MODEL_REGISTRY_MAX_MODELS", "0"},
        new String[] {"MODEL_REGISTRY_BACKUP_COUNT", "-1"},
        new String[] {"MODEL_REGISTRY_REQUEST_TIMEOUT", "2 seconds"},
        new String[] {"MODEL_REGISTRY_REQUEST_TIMEOUT", "0s"},
        new String[] {"MODEL_REGISTRY_PERSISTENCE", "disk"});
    for (String[] bad : cases) {
      assertThatThrownBy(() -> ConfigLoader.load(env(bad[0], bad[1]), Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(bad[0])
          .hasMessageContaining("'" + bad[1] + "'")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  @DisplayName("Split brain: off for one member; a majority of the expected size; heartbeat timeout in whole seconds; a backup count too small for the size is refused")
  void splitBrainSettings() {
    RegistryConfig single = ConfigLoader.load(env(), Map.of());
    assertThat(single.cluster().splitBrainProtected()).isFalse();
    assertThat(single.cluster().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(single.cluster().mergeInterval()).isEqualTo(Duration.ofSeconds(10));

    RegistryConfig three = ConfigLoader.load(env("MODEL_REGISTRY_CLUSTER_SIZE", "3",
        "MODEL_REGISTRY_HEARTBEAT_TIMEOUT", "4500ms"), Map.of());
    assertThat(three.cluster().splitBrainProtected()).isTrue();
    assertThat(three.cluster().majority()).isEqualTo(2);
    assertThat(three.cluster().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(ConfigLoader.load(env("MODEL_REGISTRY_CLUSTER_SIZE", "4"), Map.of()).cluster().majority()).isEqualTo(3);

    assertThatThrownBy(() -> ConfigLoader.load(env("MODEL_REGISTRY_CLUSTER_SIZE", "5"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("MODEL_REGISTRY_BACKUP_COUNT")
        .hasMessageContaining("at least 2 when MODEL_REGISTRY_CLUSTER_SIZE is 5");
    assertThat(ConfigLoader.load(env("MODEL_REGISTRY_CLUSTER_SIZE", "5", "MODEL_REGISTRY_BACKUP_COUNT", "2"), Map.of())
        .cluster().majority()).isEqualTo(3);
    assertThatThrownBy(() -> ConfigLoader.load(env("MODEL_REGISTRY_HEARTBEAT_TIMEOUT", "1s"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("MODEL_REGISTRY_HEARTBEAT_TIMEOUT");
  }

  @Test
  @DisplayName("A config.json that is not JSON, a missing conf directory and an unknown permission are refused")
  void badFiles() throws IOException {
    Files.writeString(confDir.resolve("config.json"), "{ not json");
    assertThatThrownBy(() -> ConfigLoader.load(env(), Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("config.json");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of(Setting.CONF_DIR, confDir.resolve("absent").toString()), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(Setting.CONF_DIR);

    Files.writeString(confDir.resolve("config.json"), "{\"roles\": {\"ops\": [\"LAUNCH_MISSILES\"]}}");
    assertThatThrownBy(() -> ConfigLoader.load(env(), Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("roles.ops").hasMessageContaining("LAUNCH_MISSILES");
  }

  @Test
  @DisplayName("Roles in config.json replace the default roles wholesale; a role set to null grants nothing")
  void rolesReplaceDefaults() throws IOException {
    Files.writeString(confDir.resolve("config.json"),
        "{\"roles\": {\"registry-admin\": [\"READ_MODEL\", \"READ_AUDIT\"], \"admin\": null}}");
    RegistryConfig config = ConfigLoader.load(env(), Map.of());
    assertThat(config.roles()).containsOnlyKeys("registry-admin", "admin");
    assertThat(config.roles().get("admin")).isEmpty();
    assertThat(config.roles().get("registry-admin")).containsExactlyInAnyOrder("READ_MODEL", "READ_AUDIT");
    assertThat(config.roles()).doesNotContainKeys("reader", "writer");

    Files.writeString(confDir.resolve("config.json"), "{\"http\": {\"port\": 9000}}");
    assertThat(ConfigLoader.load(env(), Map.of()).roles()).containsKeys("reader", "writer", "admin");
  }
}
