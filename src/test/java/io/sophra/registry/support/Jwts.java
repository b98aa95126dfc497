package io.sophra.registry.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Tokens of any shape for the attack tests, minted with nimbus-jose-jwt or by hand. */
public final class Jwts {

  private Jwts() {
  }

  /** Claims a node configured by {@link TestTokens} accepts: sub, iss, aud, iat, exp in 1 h, roles. */
  public static JWTClaimsSet.Builder claims(String... roles) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject("attacker-test")
        .issuer(TestTokens.ISSUER)
        .audience(TestTokens.AUDIENCE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
        .claim("roles", List.of(roles));
  }

  public static Date in(Duration offset) {
    return Date.from(Instant.now().plus(offset));
  }

  public static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hs256(JWSHeader.Builder header, JWTClaimsSet claims, byte[] secret) {
    try {
      return sign(header.build(), claims, new MACSigner(secret));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String rsa(JWSHeader.Builder header, JWTClaimsSet claims, PrivateKey key) {
    return sign(header.build(), claims, new RSASSASigner(key));
  }

  public static String ec(JWSHeader.Builder header, JWTClaimsSet claims, PrivateKey key) {
    try {
      return sign(header.build(), claims, new ECDSASigner((ECPrivateKey) key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JWSHeader.Builder header(JWSAlgorithm algorithm) {
    return new JWSHeader.Builder(algorithm);
  }

  public static String secretHs256(JWTClaimsSet claims) {
    return hs256(header(JWSAlgorithm.HS256), claims, TestTokens.SECRET.getBytes(StandardCharsets.UTF_8));
  }

  /** base64url of a JSON text, for hand-made tokens. */
  public static String segment(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A token with {@code header} and the payload and signature of {@code token} (header swap). */
  public static String withHeader(String headerJson, String token) {
    return segment(headerJson) + token.substring(token.indexOf('.'));
  }
}
