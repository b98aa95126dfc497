package io.sophra.registry.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the token settings and refuses what cannot be safe: a secret shorter than 32 bytes, a key
 * without issuer and audience, a key file that cannot be read. Never echoes the secret.
 */
final class JwtReader {

  static final int MIN_SECRET_BYTES = JwtSettings.MIN_SECRET_BYTES;
  private static final Pattern KEY_ENTRY = Pattern.compile("([A-Za-z0-9._:-]{1,128})=(.+)");
  private static final Pattern CLAIM_PATH = Pattern.compile("[^.\\s]+(\\.[^.\\s]+)*");

  private final Function<Setting, Optional<String>> optional;
  private final Function<Setting, List<String>> list;

  JwtReader(Function<Setting, Optional<String>> optional, Function<Setting, List<String>> list) {
    this.optional = optional;
    this.list = list;
  }

  JwtSettings read() {
    Optional<String> secret = optional.apply(Setting.JWT_SECRET);
    secret.ifPresent(JwtReader::checkSecret);
    List<JwtSettings.PublicKey> keys = list.apply(Setting.JWT_PUBLIC_KEY).stream().map(JwtReader::publicKey).toList();
    checkDistinctIds(keys);
    Optional<String> issuer = optional.apply(Setting.JWT_ISSUER);
    Optional<String> audience = optional.apply(Setting.JWT_AUDIENCE);
    if (secret.isPresent() || !keys.isEmpty()) {
      String why = "must be set whenever a key is configured (MODEL_REGISTRY_JWT_SECRET or MODEL_REGISTRY_JWT_PUBLIC_KEY)";
      issuer.orElseThrow(() -> ConfigException.of(Setting.JWT_ISSUER, why));
      audience.orElseThrow(() -> ConfigException.of(Setting.JWT_AUDIENCE, why));
    }
    String rolesClaim = optional.apply(Setting.JWT_ROLES_CLAIM).orElse("roles");
    if (!CLAIM_PATH.matcher(rolesClaim).matches()) {
      throw ConfigException.invalid(Setting.JWT_ROLES_CLAIM, rolesClaim,
          "must be a claim name or a dotted path such as realm_access.roles");
    }
    return new JwtSettings(secret, keys, issuer, audience, rolesClaim);
  }

  private static void checkSecret(String secret) {
    int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < MIN_SECRET_BYTES) {
      throw ConfigException.of(Setting.JWT_SECRET, "must be at least " + MIN_SECRET_BYTES
          + " bytes (256 bits) for HS256, but has " + bytes + " (the value is not shown)");
    }
  }

  private static JwtSettings.PublicKey publicKey(String entry) {
    Matcher matcher = KEY_ENTRY.matcher(entry);
    Optional<String> keyId = matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    Path path = Path.of(matcher.matches() ? matcher.group(2).trim() : entry);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw ConfigException.of(Setting.JWT_PUBLIC_KEY, "cannot read the key file '" + path.toAbsolutePath()
          + "' (" + (Files.exists(path) ? "not a readable file" : "no such file") + ")");
    }
    return new JwtSettings.PublicKey(keyId, path);
  }

  private static void checkDistinctIds(List<JwtSettings.PublicKey> keys) {
    Set<String> seen = new HashSet<>();
    for (JwtSettings.PublicKey key : keys) {
      key.keyId().filter(id -> !seen.add(id)).ifPresent(id -> {
        throw ConfigException.of(Setting.JWT_PUBLIC_KEY, "key id '" + id + "' is given to two keys");
      });
    }
  }
}
