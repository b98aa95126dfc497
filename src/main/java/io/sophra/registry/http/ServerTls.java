package io.sophra.registry.http;

import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.Setting;
import io.sophra.registry.config.TlsSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The API's TLS material as read from the files {@code MODEL_REGISTRY_TLS_*} name: checked when read —
 * a file that cannot be read, a certificate file with no PEM certificate, a key Vert.x cannot load, a
 * client CA file with no certificate each stop start-up with one line naming its setting — and turned
 * into the server's options (HTTPS only; with a client CA, {@link ClientAuth#REQUIRED}). Reading is
 * blocking: call it on a worker thread. {@link #stampsOnDisk()} gives the files' modification times and
 * sizes, for the reload ({@link ApiVerticle}).
 */
public final class ServerTls {

  private record Stamp(Path path, long modified, long size) {

    static Stamp of(Path path) throws IOException {
      return new Stamp(path, Files.getLastModifiedTime(path).toMillis(), Files.size(path));
    }
  }

  private final Buffer cert;
  private final Buffer key;
  private final Optional<Buffer> clientCa;
  private final List<Stamp> stamps;

  private ServerTls(Buffer cert, Buffer key, Optional<Buffer> clientCa, List<Stamp> stamps) {
    this.cert = cert;
    this.key = key;
    this.clientCa = clientCa;
    this.stamps = stamps;
  }

  /** Reads and checks the files; empty when TLS is off. @throws ConfigException naming the bad setting */
  public static Optional<ServerTls> load(Vertx vertx, TlsSettings settings) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    List<Stamp> stamps = new ArrayList<>();
    Buffer cert = read(settings.cert().get(), TlsSettings.CERT, stamps);
    checkCertificates(cert, TlsSettings.CERT);
    Buffer key = read(settings.key().get(), TlsSettings.KEY, stamps);
    try {
      new PemKeyCertOptions().setCertValue(cert).setKeyValue(key).getKeyManagerFactory(vertx);
    } catch (Exception e) {
      throw ConfigException.of(TlsSettings.KEY, settings.key().get() + " is not a PEM private key Vert.x can load"
          + " (PKCS#8, PKCS#1 RSA or SEC1 EC) for that certificate: " + e.getMessage());
    }
    Optional<Buffer> clientCa = settings.clientCa().map(path -> read(path, TlsSettings.CLIENT_CA, stamps));
    clientCa.ifPresent(ca -> checkCertificates(ca, TlsSettings.CLIENT_CA));
    return Optional.of(new ServerTls(cert, key, clientCa, List.copyOf(stamps)));
  }

  /** HTTPS only on {@code options}, with this material. */
  public HttpServerOptions applyTo(HttpServerOptions options) {
    ServerSSLOptions ssl = sslOptions();
    return options.setSsl(true).setKeyCertOptions(ssl.getKeyCertOptions()).setTrustOptions(ssl.getTrustOptions())
        .setClientAuth(ssl.getClientAuth());
  }

  /** The options of a running server's {@code updateSSLOptions}. */
  ServerSSLOptions sslOptions() {
    ServerSSLOptions options = new ServerSSLOptions().setKeyCertOptions(new PemKeyCertOptions().setCertValue(cert)
        .setKeyValue(key));
    clientCa.ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertValue(ca))
        .setClientAuth(ClientAuth.REQUIRED));
    return options;
  }

  /** The files' modification times and sizes now (blocking); a file that cannot be looked at counts as changed. */
  List<Object> stampsOnDisk() {
    List<Object> now = new ArrayList<>();
    for (Stamp stamp : stamps) {
      try {
        now.add(Stamp.of(stamp.path()));
      } catch (IOException e) {
        now.add(e.getClass().getName());
      }
    }
    return now;
  }

  /** Whether {@code onDisk} ({@link #stampsOnDisk()}) is what this material was read from. */
  boolean readFrom(List<Object> onDisk) {
    return stamps.equals(onDisk);
  }

  private static Buffer read(Path path, Setting setting, List<Stamp> stamps) {
    try {
      Stamp stamp = Stamp.of(path);
      Buffer content = Buffer.buffer(Files.readAllBytes(path));
      stamps.add(stamp);
      return content;
    } catch (IOException e) {
      throw ConfigException.of(setting, "cannot read " + path + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }

  private static void checkCertificates(Buffer pem, Setting setting) {
    try {
      if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes()))
          .isEmpty()) {
        throw ConfigException.of(setting, "holds no PEM certificate");
      }
    } catch (CertificateException e) {
      throw ConfigException.of(setting, "holds no readable PEM certificate: " + e.getMessage());
    }
  }
}
