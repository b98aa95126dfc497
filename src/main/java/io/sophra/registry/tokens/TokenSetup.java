package io.sophra.registry.tokens;

import io.sophra.registry.config.JwtSettings;
import io.sophra.registry.config.RegistryConfig;
import io.vertx.ext.auth.PubSecKeyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How this process verifies (and may mint) tokens: the configured keys, or — with none — the
 * development secret. Reads key files, so it runs before Vert.x starts, never on an event loop; a
 * bad key stops start-up with a {@link io.sophra.registry.config.ConfigException}.
 *
 * @param signingSecret the HS256 secret tokens can be minted with (configured or development), if any
 */
public record TokenSetup(TokenRules rules, Optional<String> signingSecret, boolean developmentMode) {

  public static TokenSetup resolve(RegistryConfig config) {
    JwtSettings jwt = config.jwt();
    boolean development = !jwt.hasKey();
    Optional<String> secret = development ? Optional.of(DevelopmentMode.secret(config.node().dataDir())) : jwt.secret();
    List<PubSecKeyOptions> keys = new ArrayList<>();
    secret.ifPresent(value -> keys.add(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(value)));
    jwt.publicKeys().forEach(key -> keys.add(PublicKeys.load(key)));
    String issuer = jwt.issuer().orElse(DevelopmentMode.ISSUER);
    String audience = jwt.audience().orElse(DevelopmentMode.AUDIENCE);
    TokenRules rules = new TokenRules(keys, issuer, audience, jwt.rolesClaim(), jwt.maxLifetime(),
        jwt.requiredType().map(TokenHeader::mediaType));
    return new TokenSetup(rules, secret, development);
  }

  /** How many RS256/ES256 signature checks run and wait at once, as configured. */
  public static VerifierPool pool(RegistryConfig config) {
    return new VerifierPool(config.jwt().verifyThreads(), config.jwt().verifyQueue());
  }

  /** A minter with the HS256 secret, when this setup has one. */
  Optional<TokenMinter> minter() {
    return signingSecret.map(secret -> new TokenMinter(secret, rules));
  }
}
