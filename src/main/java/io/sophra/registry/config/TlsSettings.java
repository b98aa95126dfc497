package io.sophra.registry.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Optional TLS on the API itself (the documented default is TLS at the load balancer, plain HTTP on the
 * private network behind it).
 *
 * @param cert PEM certificate (chain) of the API; present together with {@code key} or not at all
 * @param key PEM private key of that certificate
 * @param clientCa PEM certificate(s) of the CA whose client certificates are required (mutual TLS)
 * @param reloadInterval how often the files are checked for a renewal; zero: never
 */
public record TlsSettings(Optional<Path> cert, Optional<Path> key, Optional<Path> clientCa, Duration reloadInterval) {

  public static final Setting CERT = new Setting("MODEL_REGISTRY_TLS_CERT", "tls.cert",
      "path of the API's PEM certificate (chain); with `MODEL_REGISTRY_TLS_KEY` the API serves HTTPS only;"
          + " empty: plain HTTP, TLS ending at the load balancer");
  public static final Setting KEY = new Setting("MODEL_REGISTRY_TLS_KEY", "tls.key",
      "path of that certificate's PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)");
  public static final Setting CLIENT_CA = new Setting("MODEL_REGISTRY_TLS_CLIENT_CA", "tls.clientCa",
      "path of the PEM certificate(s) of the CA that signs client certificates: mutual TLS, a client without one"
          + " is refused at the handshake (health probes too); empty: no client certificate asked for");
  public static final Setting RELOAD_INTERVAL = new Setting("MODEL_REGISTRY_TLS_RELOAD_INTERVAL",
      "tls.reloadInterval", "how often the three files are checked (modification time and size) and, when"
          + " renewed, loaded for new connections without a restart; `0`: never");
  static final List<Setting> SETTINGS = List.of(CERT, KEY, CLIENT_CA, RELOAD_INTERVAL);

  public TlsSettings {
    if (cert.isPresent() != key.isPresent()) {
      throw ConfigException.of(cert.isPresent() ? KEY : CERT, "must be set together with "
          + (cert.isPresent() ? CERT : KEY).variable() + " (or neither, for plain HTTP)");
    }
    if (clientCa.isPresent() && cert.isEmpty()) {
      throw ConfigException.of(CLIENT_CA, "needs " + CERT.variable() + " and " + KEY.variable()
          + ": client certificates are asked for over TLS only");
    }
  }

  static TlsSettings read(SettingsSource source) {
    return new TlsSettings(source.optional(CERT).map(Path::of), source.optional(KEY).map(Path::of),
        source.optional(CLIENT_CA).map(Path::of), source.durationOrZero(RELOAD_INTERVAL));
  }

  /** Whether the API serves HTTPS. */
  public boolean enabled() {
    return cert.isPresent();
  }

  /** Plain HTTP. */
  public static TlsSettings off() {
    return new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO);
  }
}
