package io.sophra.registry.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How bearer tokens are verified. With no key at all the node runs in development mode. Reading
 * refuses what cannot be safe: a key variable set but empty (a key that was meant to be there must
 * not silently turn on development mode), a secret shorter than 32 bytes, a key without issuer and
 * audience, a key file that cannot be read; it never echoes the secret.
 *
 * @param secret the HS256 secret (at least 32 bytes when present)
 * @param publicKeys PEM public keys (RS256 or ES256), each readable and with an optional key id
 * @param issuer required {@code iss}; present whenever a key is
 * @param audience required {@code aud}; present whenever a key is
 * @param rolesClaim the claim holding the roles: a name, or a dotted path such as {@code realm_access.roles}
 * @param maxLifetime the longest {@code exp - iat} accepted
 * @param requiredType the {@code typ} header every token must carry (e.g. {@code at+jwt}), if any
 * @param verifyThreads threads that check RS256/ES256 signatures off the event loops
 * @param verifyQueue RS256/ES256 checks that may wait for those threads; past it, 503
 */
public record JwtSettings(Optional<String> secret, List<PublicKey> publicKeys, Optional<String> issuer,
    Optional<String> audience, String rolesClaim,
    Duration maxLifetime,
    Optional<String> requiredType,
    int verifyThreads,
    int verifyQueue) {

  /** The shortest HS256 secret accepted (RFC 7518: at least the hash's 256 bits). */
  public static final int MIN_SECRET_BYTES = 32;

  public static final Setting SECRET = new Setting("MODEL_REGISTRY_JWT_SECRET", "jwt.secret",
      "HS256 secret, at least 32 bytes");
  public static final Setting PUBLIC_KEY = new Setting("MODEL_REGISTRY_JWT_PUBLIC_KEY", "jwt.publicKeys",
      "PEM public key path(s), comma-separated, each `path` or `kid=path`");
  public static final Setting ISSUER = new Setting("MODEL_REGISTRY_JWT_ISSUER", "jwt.issuer", "required `iss`");
  public static final Setting AUDIENCE = new Setting("MODEL_REGISTRY_JWT_AUDIENCE", "jwt.audience", "required `aud`");
  public static final Setting ROLES_CLAIM = new Setting("MODEL_REGISTRY_JWT_ROLES_CLAIM", "jwt.rolesClaim",
      "claim holding the roles (a dotted path works)");
  public static final Setting MAX_LIFETIME = new Setting("MODEL_REGISTRY_JWT_MAX_LIFETIME", "jwt.maxLifetime",
      "longest token lifetime accepted (`exp - iat`; without `iat`, `exp - now`); the `token` command refuses longer");
  public static final Setting REQUIRED_TYPE = new Setting("MODEL_REGISTRY_JWT_TYP", "jwt.requiredTyp",
      "`typ` header every token must carry, e.g. `at+jwt` (RFC 9068); empty: not checked");
  public static final Setting VERIFY_THREADS = new Setting("MODEL_REGISTRY_JWT_VERIFY_THREADS", "jwt.verifyThreads",
      "threads checking RS256/ES256 signatures of tokens not yet cached, off the event loops");
  public static final Setting VERIFY_QUEUE = new Setting("MODEL_REGISTRY_JWT_VERIFY_QUEUE", "jwt.verifyQueue",
      "RS256/ES256 checks that may wait for those threads; beyond it a request gets 503 with `Retry-After`");
  static final List<Setting> SETTINGS = List.of(SECRET, PUBLIC_KEY, ISSUER, AUDIENCE, ROLES_CLAIM, MAX_LIFETIME,
      REQUIRED_TYPE, VERIFY_THREADS, VERIFY_QUEUE);

  private static final Pattern KEY_ENTRY = Pattern.compile("([A-Za-z0-9._:-]{1,128})=(.+)");
  private static final Pattern CLAIM_PATH = Pattern.compile("[^.\\s\\p{Cntrl}]+(\\.[^.\\s\\p{Cntrl}]+)*");
  private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]{1,64}(/[a-z0-9!#$&^_.+-]{1,64})?");

  public JwtSettings {
    publicKeys = List.copyOf(publicKeys);
  }

  /** One entry of {@code MODEL_REGISTRY_JWT_PUBLIC_KEY}: {@code path}, or {@code keyId=path}. */
  public record PublicKey(Optional<String> keyId, Path path) {
  }

  public boolean hasKey() {
    return secret.isPresent() || !publicKeys.isEmpty();
  }

  static JwtSettings read(SettingsSource source) {
    refuseEmpty(source, SECRET, "a secret of at least " + MIN_SECRET_BYTES + " bytes");
    refuseEmpty(source, PUBLIC_KEY, "the path of a PEM public key");
    Optional<String> secret = source.optional(SECRET);
    secret.ifPresent(JwtSettings::checkSecret);
    List<PublicKey> keys = source.list(PUBLIC_KEY).stream().map(JwtSettings::publicKey).toList();
    checkDistinctIds(keys);
    Optional<String> issuer = source.optional(ISSUER);
    Optional<String> audience = source.optional(AUDIENCE);
    if (secret.isPresent() || !keys.isEmpty()) {
      String why = "must be set whenever a key is configured (MODEL_REGISTRY_JWT_SECRET or MODEL_REGISTRY_JWT_PUBLIC_KEY)";
      issuer.orElseThrow(() -> ConfigException.of(ISSUER, why));
      audience.orElseThrow(() -> ConfigException.of(AUDIENCE, why));
    }
    String rolesClaim = source.optional(ROLES_CLAIM).orElse("roles");
    if (!CLAIM_PATH.matcher(rolesClaim).matches()) {
      throw ConfigException.invalid(ROLES_CLAIM, rolesClaim, "must be a claim name or a dotted path such as realm_access.roles");
    }
    Optional<String> requiredType = source.optional(REQUIRED_TYPE).map(value -> value.toLowerCase(Locale.ROOT));
    requiredType.filter(type -> !MEDIA_TYPE.matcher(type).matches()).ifPresent(type -> {
      throw ConfigException.invalid(REQUIRED_TYPE, type, "must be a media type such as at+jwt");
    });
    return new JwtSettings(secret, keys, issuer, audience, rolesClaim,
        source.duration(MAX_LIFETIME, Duration.ofMinutes(1), Duration.ofDays(366)),
        requiredType,
        source.integer(VERIFY_THREADS, 1, 64),
        source.integer(VERIFY_QUEUE, 0, 100_000));
  }

  /**
   * A key variable present but empty is a mistake (a secret store that delivered nothing, a typo in a
   * manifest), never a wish for development mode: that needs the variable absent.
   */
  private static void refuseEmpty(SettingsSource source, Setting key, String expected) {
    if (source.setOutsideFile(key) && source.optional(key).isEmpty()) {
      throw ConfigException.of(key, "is set but empty: give it " + expected + ", or remove the variable"
          + " altogether for development mode");
    }
  }

  private static void checkSecret(String secret) {
    int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < MIN_SECRET_BYTES) {
      throw ConfigException.of(SECRET, "must be at least " + MIN_SECRET_BYTES
          + " bytes (256 bits) for HS256, but has " + bytes + " (the value is not shown)");
    }
  }

  private static PublicKey publicKey(String entry) {
    Matcher matcher = KEY_ENTRY.matcher(entry);
    Optional<String> keyId = matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    Path path = Path.of(matcher.matches() ? matcher.group(2).trim() : entry);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw ConfigException.of(PUBLIC_KEY, "cannot read the key file '" + path.toAbsolutePath()
          + "' (" + (Files.exists(path) ? "not a readable file" : "no such file") + ")");
    }
    return new PublicKey(keyId, path);
  }

  private static void checkDistinctIds(List<PublicKey> keys) {
    Set<String> seen = new HashSet<>();
    for (PublicKey key : keys) {
      key.keyId().filter(id -> !seen.add(id)).ifPresent(id -> {
        throw ConfigException.of(PUBLIC_KEY, "key id '" + id + "' is given to two keys");
      });
    }
  }
}
