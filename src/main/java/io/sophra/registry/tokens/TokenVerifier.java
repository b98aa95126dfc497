package io.sophra.registry.tokens;

import io.micrometer.core.instrument.MeterRegistry;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.security.RolePermissions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.PubSecKeyOptions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a bearer token into the {@link Caller}, or says why not (RFC 8725). A token seen before and
 * still unexpired is answered from the {@link VerifiedTokens} cache. Otherwise, cheapest first: the
 * header ({@link TokenHeader}: no keys or key locations, {@code alg} one a configured key is bound to —
 * never {@code none}, never HS256 unless a secret is configured, so an RSA public key can never serve
 * as an HMAC secret — a {@code kid} naming a configured key of that algorithm, the required
 * {@code typ}); then the claims ({@link TokenClaims}); last the signature ({@link Signatures}: inline
 * for HS256, on a bounded pool for RS256/ES256). Every refusal is a {@link TokenRejected} whose message
 * is the 401's detail; a full pool is a {@link VerificationBusy}. Thread-safe; one instance serves
 * every API verticle of a node.
 */
public final class TokenVerifier {

  public static final int LEEWAY_SECONDS = 30;
  /** The worker pool that checks RS256/ES256 signatures (a shared worker executor of the node's Vert.x). */
  public static final String WORKER_POOL = "registry-token-verification";
  static final int CACHE_CAPACITY = 10_000;

  private final Map<String, Set<String>> keyIdsByAlgorithm = new HashMap<>();
  private final TokenRules rules;
  private final TokenClaims claims;
  private final Signatures signatures;
  private final RolePermissions permissions;
  private final VerifiedTokens verified;

  private TokenVerifier(TokenRules rules, Signatures signatures, RolePermissions permissions) {
    this.rules = rules;
    this.claims = new TokenClaims(rules, LEEWAY_SECONDS);
    this.signatures = signatures;
    this.permissions = permissions;
    this.verified = new VerifiedTokens(CACHE_CAPACITY, LEEWAY_SECONDS);
    for (PubSecKeyOptions key : rules.keys()) {
      Set<String> ids = keyIdsByAlgorithm.computeIfAbsent(key.getAlgorithm(), algorithm -> new HashSet<>());
      if (key.getId() != null) {
        ids.add(key.getId());
      }
    }
  }

  /**
   * A verifier of tokens that satisfy {@code rules}, granting what {@code permissions} maps their roles
   * to; RS256/ES256 signatures are checked on a worker pool of {@code pool}'s size, and its refusals are
   * counted in {@code meters}.
   */
  public static TokenVerifier create(Vertx vertx, TokenRules rules, RolePermissions permissions, VerifierPool pool,
      MeterRegistry meters) {
    return new TokenVerifier(rules, new Signatures(vertx, rules, pool, meters), permissions);
  }

  /** The caller the token stands for; fails with a {@link TokenRejected} saying why not, or a {@link VerificationBusy}. */
  public Future<Caller> verify(String token) {
    Caller cached = verified.get(token);
    return cached != null ? Future.succeededFuture(cached) : check(token, token);
  }

  /** The caller of an {@code Authorization} header verified before and still valid, else null; checks nothing itself. */
  public Caller knownCaller(String authorization) {
    return verified.get(authorization);
  }

  /**
   * As {@link #verify}, for a whole {@code Authorization} value whose scheme the caller has checked:
   * {@code token} is read from {@code authorization} after its first {@code schemeLength} characters
   * (surrounding blanks ignored) only when that value is not cached already. So a client sending the
   * same header again costs one cache lookup, without copying its token out.
   */
  public Future<Caller> verifyAuthorization(String authorization, int schemeLength) {
    Caller cached = knownCaller(authorization);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return check(authorization.substring(schemeLength).trim(), authorization);
  }

  /** Checks {@code token} in full; once it passed, it is remembered under {@code cacheKey} (it, or the header holding it). */
  private Future<Caller> check(String token, String cacheKey) {
    TokenHeader header;
    TokenClaims.Accepted accepted;
    try {
      header = TokenHeader.read(token);
      checkHeader(header);
      accepted = claims.check(TokenHeader.claims(token), System.currentTimeMillis() / 1000);
    } catch (TokenRejected e) {
      return Future.failedFuture(e);
    }
    return signatures.verify(token, header.algorithm()).map(valid -> remember(cacheKey, accepted));
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
    rules.requiredType().filter(required -> !header.type().equals(Optional.of(required)))
        .ifPresent(required -> {
          throw new TokenRejected("the token's type (typ header) must be '" + required + "'");
        });
  }

  private Caller remember(String cacheKey, TokenClaims.Accepted accepted) {
    Caller caller = new Caller(accepted.subject(), Set.copyOf(accepted.roles()),
        permissions.permissionsOf(accepted.roles()));
    verified.put(cacheKey, caller, accepted.expiresAtSecond());
    return caller;
  }

  long cachedTokens() {
    return verified.size();
  }
}
