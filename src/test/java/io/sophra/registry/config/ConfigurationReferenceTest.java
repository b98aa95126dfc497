package io.sophra.registry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The configuration reference cannot drift from the code")
class ConfigurationReferenceTest {

  @Test
  @DisplayName("The README's configuration table is exactly the table generated from the setting definitions")
  void readmeTable() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).as("README.md must hold Settings.markdownTable() verbatim (regenerate it from --help's source)")
        .contains(Settings.markdownTable());
  }

  @Test
  @DisplayName("Every setting is read: setting its variable to nonsense stops start-up naming that variable")
  void everySettingIsRead() {
    // free-form text, or (the Redis URL) checked when the node connects, not when it loads
    Set<String> freeForm = Set.of("MODEL_REGISTRY_REDIS_URL", "MODEL_REGISTRY_EVENTBUS_PUBLIC_HOST", "MODEL_REGISTRY_JWT_ISSUER",
        "MODEL_REGISTRY_JWT_AUDIENCE", "MODEL_REGISTRY_HTTP_HOST", "MODEL_REGISTRY_CLUSTER_NAME",
        "MODEL_REGISTRY_CLUSTER_HOST", "MODEL_REGISTRY_CLUSTER_MEMBERS", "MODEL_REGISTRY_EVENTBUS_HOST",
        "MODEL_REGISTRY_DATA_DIR",
        // paths of the TLS files: read and checked when the node starts (TlsTest)
        "MODEL_REGISTRY_TLS_CERT", "MODEL_REGISTRY_TLS_KEY", "MODEL_REGISTRY_TLS_CLIENT_CA");
    for (Setting setting : Settings.ALL) {
      if (freeForm.contains(setting.variable())) {
        continue;
      }
      assertThat(rejection(setting)).as(setting.variable()).startsWith(setting.variable());
    }
  }

  @Test
  @DisplayName("Every key of the bundled config.json is a documented setting, and every setting has a key there")
  void defaultsFileMatches() {
    Set<String> documented = Settings.ALL.stream().map(Setting::jsonPath).collect(Collectors.toSet());
    Set<String> inFile = leafPaths(ConfigLoader.bundledDefaults().getMap(), "");
    inFile.removeIf(path -> path.startsWith("roles."));
    assertThat(inFile).isEqualTo(documented);
  }

  @Test
  @DisplayName("--help names every variable with its config.json key")
  void helpListsEverySetting() {
    String help = Settings.helpText();
    for (Setting setting : Settings.ALL) {
      Matcher line = Pattern.compile("(?m)^  " + Pattern.quote(setting.variable()) + "  \\(config\\.json "
          + Pattern.quote(setting.jsonPath()) + "[;)]").matcher(help);
      assertThat(line.find()).as(setting.variable()).isTrue();
    }
  }

  private static String rejection(Setting setting) {
    try {
      Map<String, String> env = new java.util.HashMap<>(Map.of("MODEL_REGISTRY_JWT_SECRET", "x".repeat(40),
          "MODEL_REGISTRY_JWT_ISSUER", "i", "MODEL_REGISTRY_JWT_AUDIENCE", "a"));
      env.put(setting.variable(), "non sense..");
      ConfigLoader.load(env, Map.of());
    } catch (ConfigException e) {
      return e.getMessage();
    }
    return "accepted";
  }

  @SuppressWarnings("unchecked")
  private static Set<String> leafPaths(Map<String, Object> tree, String prefix) {
    Set<String> paths = new java.util.HashSet<>();
    tree.forEach((key, value) -> {
      if (value instanceof Map<?, ?> child) {
        paths.addAll(leafPaths((Map<String, Object>) child, prefix + key + "."));
      } else {
        paths.add(prefix + key);
      }
    });
    return paths;
  }
}
