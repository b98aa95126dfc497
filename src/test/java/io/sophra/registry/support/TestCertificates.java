package io.sophra.registry.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for TLS tests, made with the JDK's own {@code keytool} (no test dependency): a
 * self-signed server certificate for 127.0.0.1, a CA, and client certificates that CA signs, written
 * as the PEM files the registry reads, plus the SSL contexts a JDK client needs to use them.
 */
public final class TestCertificates {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private final Path dir;

  public TestCertificates(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** A self-signed certificate for 127.0.0.1, its PEM files {@code <name>.crt} and {@code <name>.key}. */
  public Path[] server(String name) throws Exception {
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", store(name), "-storepass", "changeit",
        "-storetype", "PKCS12");
    return writePem(name);
  }

  /** A CA ({@code <name>.crt}) and a client certificate it signs, kept in {@code <client>.p12}. */
  public Path ca(String name) throws Exception {
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-ext", "bc:c", "-validity", "2", "-keystore", store(name), "-storepass", "changeit", "-storetype", "PKCS12");
    return writePem(name)[0];
  }

  public void client(String client, String ca) throws Exception {
    keytool("-genkeypair", "-alias", client, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + client,
        "-validity", "2", "-keystore", store(client), "-storepass", "changeit", "-storetype", "PKCS12");
    keytool("-certreq", "-alias", client, "-keystore", store(client), "-storepass", "changeit",
        "-file", dir.resolve(client + ".csr").toString());
    keytool("-gencert", "-alias", ca, "-keystore", store(ca), "-storepass", "changeit",
        "-infile", dir.resolve(client + ".csr").toString(), "-outfile", dir.resolve(client + ".signed").toString(),
        "-validity", "2");
    keytool("-importcert", "-noprompt", "-alias", ca, "-file", dir.resolve(ca + ".crt").toString(),
        "-keystore", store(client), "-storepass", "changeit");
    keytool("-importcert", "-alias", client, "-file", dir.resolve(client + ".signed").toString(),
        "-keystore", store(client), "-storepass", "changeit");
  }

  /** A client context trusting {@code trusted} PEM certificates, presenting {@code client}'s certificate if given. */
  public SSLContext context(List<Path> trusted, String client) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (Path pem : trusted) {
      try (InputStream in = Files.newInputStream(pem)) {
        for (Certificate certificate : java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificates(in)) {
          trust.setCertificateEntry("trusted-" + i++, certificate);
        }
      }
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    KeyManagerFactory keyManagers = null;
    if (client != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(Path.of(store(client)))) {
        keys.load(in, PASSWORD);
      }
      keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, PASSWORD);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }

  private Path[] writePem(String name) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(store(name)))) {
      store.load(in, PASSWORD);
    }
    Key key = store.getKey(name, PASSWORD);
    Certificate certificate = store.getCertificate(name);
    Path crt = dir.resolve(name + ".crt");
    Path pem = dir.resolve(name + ".key");
    Files.writeString(crt, pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(pem, pem("PRIVATE KEY", key.getEncoded()));
    return new Path[] {crt, pem};
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private String store(String name) {
    return dir.resolve(name + ".p12").toString();
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
