package io.sophra.registry.tokens;

import io.sophra.registry.registry.Caller;
import io.sophra.registry.security.RolePermissions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.SignatureException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a bearer token into the {@link Caller}, or rejects it. vertx-auth-jwt checks the signature
 * (with the keys of the token's {@code alg} only), {@code iss}, {@code aud}, {@code exp}, {@code nbf}
 * and {@code iat} with a 30 s leeway; around it this class enforces what it leaves open (RFC 8725):
 * the header must not carry keys or key locations; {@code alg} must be one a configured key is bound
 * to (never {@code none}, never HS256 unless a secret is configured, so an RSA public key can never
 * serve as an HMAC secret); a {@code kid} must name a configured key of that algorithm; {@code sub}
 * and {@code exp} are required. Thread-safe; one instance serves every API verticle.
 */
public final class TokenVerifier {

  public static final int LEEWAY_SECONDS = 30;
  static final int CACHE_CAPACITY = 10_000;
  private static final int MAX_SUBJECT_LENGTH = 256;

  private final JWTAuth jwt;
  private final Map<String, Set<String>> keyIdsByAlgorithm = new HashMap<>();
  private final TokenRules rules;
  private final RolesClaim rolesClaim;
  private final RolePermissions permissions;
  private final VerifiedTokens verified;

  private TokenVerifier(JWTAuth jwt, TokenRules rules, RolePermissions permissions) {
    this.jwt = jwt;
    this.rules = rules;
    this.rolesClaim = new RolesClaim(rules.rolesClaim());
    this.permissions = permissions;
    this.verified = new VerifiedTokens(CACHE_CAPACITY, LEEWAY_SECONDS);
    for (PubSecKeyOptions key : rules.keys()) {
      Set<String> ids = keyIdsByAlgorithm.computeIfAbsent(key.getAlgorithm(), algorithm -> new HashSet<>());
      if (key.getId() != null) {
        ids.add(key.getId());
      }
    }
  }

  public static TokenVerifier create(Vertx vertx, TokenRules rules, RolePermissions permissions) {
    JWTOptions options = new JWTOptions().setIssuer(rules.issuer()).setAudience(List.of(rules.audience()))
        .setLeeway(LEEWAY_SECONDS);
    JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions().setJWTOptions(options).setPubSecKeys(rules.keys()));
    return new TokenVerifier(jwt, rules, permissions);
  }

  /** The caller the token stands for; fails with a {@link TokenRejected} saying why not. */
  public Future<Caller> verify(String token) {
    Caller cached = verified.get(token, nowSecond());
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    Future<User> user;
    try {
      checkHeader(TokenHeader.read(token));
      user = jwt.authenticate(new TokenCredentials(token));
    } catch (RuntimeException e) {
      return Future.failedFuture(rejection(e));
    }
    return user.map(authenticated -> caller(token, authenticated.attributes().getJsonObject("accessToken")))
        .recover(failure -> Future.failedFuture(rejection(failure)));
  }

  private void checkHeader(TokenHeader header) {
    Set<String> ids = keyIdsByAlgorithm.get(header.algorithm());
    if (ids == null) {
      throw new TokenRejected("alg '" + header.algorithm() + "' is not accepted; configured keys are for "
          + keyIdsByAlgorithm.keySet().stream().sorted().toList());
    }
    header.keyId().filter(kid -> !ids.contains(kid)).ifPresent(kid -> {
      throw new TokenRejected("no configured " + header.algorithm() + " key has the token's key id (kid)");
    });
  }

  private Caller caller(String token, JsonObject claims) {
    if (!(claims.getValue("sub") instanceof String subject) || subject.isBlank()
        || subject.length() > MAX_SUBJECT_LENGTH || subject.chars().anyMatch(Character::isISOControl)) {
      throw new TokenRejected("the token has no usable subject (sub)");
    }
    if (!(claims.getValue("exp") instanceof Number expiry)) {
      throw new TokenRejected("the token has no expiry (exp)");
    }
    List<String> roles = rolesClaim.roles(claims);
    Caller caller = new Caller(subject, Set.copyOf(roles), permissions.permissionsOf(roles));
    verified.put(token, caller, expiry.longValue());
    return caller;
  }

  private TokenRejected rejection(Throwable failure) {
    if (failure instanceof TokenRejected rejected) {
      return rejected;
    }
    if (failure instanceof SignatureException) {
      return new TokenRejected("the signature does not verify");
    }
    if (failure instanceof NoSuchKeyIdException) {
      return new TokenRejected("no configured key matches the token's alg and kid");
    }
    String message = String.valueOf(failure.getMessage());
    if (message.contains("audience")) {
      return new TokenRejected("the token's audience (aud) is not '" + rules.audience() + "'");
    }
    if (message.contains("issuer")) {
      return new TokenRejected("the token's issuer (iss) is not '" + rules.issuer() + "'");
    }
    if (message.contains("expired")) {
      return new TokenRejected("the token is expired or not yet valid (exp, nbf, iat; leeway "
          + LEEWAY_SECONDS + " s)");
    }
    return new TokenRejected("the token is malformed");
  }

  private static long nowSecond() {
    return System.currentTimeMillis() / 1000;
  }

  int cachedTokens() {
    return verified.size();
  }
}
