package io.sophra.registry.tokens;

import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.JwtSettings;
import io.vertx.ext.auth.PubSecKeyOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the configured PEM public keys and binds each to the one algorithm its type allows: an RSA
 * key (2048 bits or more) to RS256, an EC key on P-256 to ES256. A file holding anything else stops
 * start-up with one line naming the setting and the file. Accepts {@code PUBLIC KEY} (SPKI) and
 * {@code CERTIFICATE} PEM blocks; hands vertx-auth-jwt a canonical {@code PUBLIC KEY} PEM.
 */
final class PublicKeys {

  static final int MIN_RSA_BITS = 2048;
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN (PUBLIC KEY|CERTIFICATE)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PublicKeys() {
  }

  static PubSecKeyOptions load(JwtSettings.PublicKey configured) {
    String where = "'" + configured.path() + "'";
    String text;
    try {
      text = Files.readString(configured.path(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw ConfigException.of(JwtSettings.PUBLIC_KEY, "cannot read the key file " + where + " (" + e + ")");
    }
    PublicKey key = parse(text, where);
    PubSecKeyOptions options = new PubSecKeyOptions().setAlgorithm(algorithm(key, where)).setBuffer(
        "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
    configured.keyId().ifPresent(options::setId);
    return options;
  }

  private static PublicKey parse(String text, String where) {
    Matcher pem = PEM.matcher(text);
    if (!pem.find()) {
      throw ConfigException.of(JwtSettings.PUBLIC_KEY, where + " holds no PEM 'PUBLIC KEY' or 'CERTIFICATE'"
          + " block (a PKCS#1 'RSA PUBLIC KEY' must be converted: openssl rsa -RSAPublicKey_in -pubout)");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
      if (pem.group(1).equals("CERTIFICATE")) {
        return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
      }
      return keyFactory(der).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw ConfigException.of(JwtSettings.PUBLIC_KEY, where + " is not a valid RSA or EC public key ("
          + e.getMessage() + ")");
    }
  }

  private static KeyFactory keyFactory(byte[] der) throws GeneralSecurityException {
    for (String type : new String[] {"RSA", "EC"}) {
      try {
        KeyFactory factory = KeyFactory.getInstance(type);
        factory.generatePublic(new X509EncodedKeySpec(der));
        return factory;
      } catch (GeneralSecurityException e) {
        // try the next type
      }
    }
    throw new GeneralSecurityException("neither an RSA nor an EC key");
  }

  private static boolean isP256(ECParameterSpec params) {
    try {
      AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
      p256.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
      return expected.getCurve().equals(params.getCurve()) && expected.getGenerator().equals(params.getGenerator())
          && expected.getOrder().equals(params.getOrder());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String algorithm(PublicKey key, String where) {
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw ConfigException.of(JwtSettings.PUBLIC_KEY, where + " is an RSA key of " + bits
            + " bits; RS256 needs at least " + MIN_RSA_BITS);
      }
      return "RS256";
    }
    if (key instanceof ECPublicKey ec && isP256(ec.getParams())) {
      return "ES256";
    }
    throw ConfigException.of(JwtSettings.PUBLIC_KEY, where + " is a " + key.getAlgorithm()
        + " key the registry cannot use: only RSA (RS256) and EC P-256 (ES256) keys are accepted");
  }
}
