package io.sophra.registry.config;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every setting the registry reads, in one list gathered from the groups, with its default from the
 * bundled {@code config.json}. {@code java -jar model-registry.jar --help} prints it, and the README's
 * configuration table is exactly {@link #markdownTable()} (a test compares them), so neither can drift
 * from what the reader does.
 */
public final class Settings {

  /** Every setting, in the order the README lists them. */
  public static final List<Setting> ALL = all();

  private Settings() {
  }

  private static List<Setting> all() {
    List<Setting> all = new ArrayList<>();
    all.addAll(HttpSettings.SETTINGS);
    all.addAll(ClusterSettings.SETTINGS);
    all.addAll(EventBusSettings.SETTINGS);
    all.addAll(NodeSettings.SETTINGS);
    all.addAll(PersistenceSettings.SETTINGS);
    all.addAll(JwtSettings.SETTINGS);
    all.addAll(AuditSettings.SETTINGS);
    all.addAll(AliasSettings.SETTINGS);
    all.addAll(MetricSettings.SETTINGS);
    all.addAll(LogSettings.SETTINGS);
    all.addAll(BackupSettings.SETTINGS);
    all.addAll(TlsSettings.SETTINGS);
    all.addAll(FeedSettings.SETTINGS);
    return List.copyOf(all);
  }

  /** A setting's default as the bundled {@code config.json} gives it; empty when it has none. */
  public static String defaultOf(Setting setting) {
    SettingsSource defaults = new SettingsSource(ConfigLoader.bundledDefaults(), Map.of(), Map.of());
    Object value = defaults.fileValue(setting.jsonPath());
    if (value instanceof JsonArray array) {
      return String.join(",", array.stream().map(String::valueOf).toList());
    }
    return value == null ? "" : String.valueOf(value);
  }

  /** The README's configuration table: variable, {@code config.json} key, default, meaning. */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder("| variable | `config.json` key | default | meaning |\n|---|---|---|---|\n");
    table.append("| `").append(Setting.CONF_DIR).append("` | — | `conf` | where `config.json` and `cluster.xml`"
        + " are read from (environment or system property only) |\n");
    for (Setting setting : ALL) {
      String value = defaultOf(setting);
      table.append("| `").append(setting.variable()).append("` | `").append(setting.jsonPath()).append("` | ")
          .append(value.isEmpty() ? "—" : "`" + value + "`").append(" | ").append(setting.meaning()).append(" |\n");
    }
    table.append("| — | `roles` | see [Security](#security) | role → permissions; when `config.json` has"
        + " `roles`, they replace the defaults |\n");
    return table.toString();
  }

  /** What {@code --help} prints under "Settings": each variable with its key and default, then its meaning. */
  public static String helpText() {
    StringBuilder text = new StringBuilder();
    text.append("  ").append(Setting.CONF_DIR).append("  (environment or system property only; default conf)\n")
        .append("      where config.json and cluster.xml are read from\n");
    for (Setting setting : ALL) {
      String value = defaultOf(setting);
      text.append("  ").append(setting.variable()).append("  (config.json ").append(setting.jsonPath())
          .append(value.isEmpty() ? "; no default" : "; default " + value).append(")\n")
          .append("      ").append(setting.meaning().replace("`", "")).append("\n");
    }
    text.append("  roles  (config.json only)\n      role -> permissions; when config.json has roles, they replace the defaults\n");
    return text.toString();
  }
}
