package io.sophra.registry.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.support.TestCertificates;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("With a certificate and key configured the API serves HTTPS, optionally mutual TLS, and reloads a renewal")
class TlsTest {

  @TempDir
  static Path dir;
  private static TestCertificates certificates;
  private static Path[] first;
  private static Path[] second;
  private static Path clientCa;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certificates = new TestCertificates(dir);
    first = certificates.server("first");
    second = certificates.server("second");
    clientCa = certificates.ca("clients");
    certificates.client("a-client", "clients");
  }

  @Test
  @DisplayName("HTTPS answers with the configured certificate; plain HTTP on that port gets no answer")
  void https() throws Exception {
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_TLS_CERT", first[0].toString(),
        "MODEL_REGISTRY_TLS_KEY", first[1].toString()));
    try {
      int port = node.config().http().port();
      HttpResponse<String> live = get(certificates.context(List.of(first[0]), null), "https://127.0.0.1:" + port
          + "/health/live");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(subject(live)).isEqualTo("CN=first");
      HttpResponse<String> models = get(certificates.context(List.of(first[0]), null), "https://127.0.0.1:" + port
          + "/v1/models");
      assertThat(models.statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/health/live")).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    } finally {
      TestNodes.stop(node);
    }
  }

  @Test
  @DisplayName("With a client CA, a client without a certificate is refused at the handshake; one the CA signed gets in")
  void mutualTls() throws Exception {
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_TLS_CERT", first[0].toString(),
        "MODEL_REGISTRY_TLS_KEY", first[1].toString(), "MODEL_REGISTRY_TLS_CLIENT_CA", clientCa.toString()));
    try {
      String url = "https://127.0.0.1:" + node.config().http().port() + "/v1/models";
      assertThatThrownBy(() -> get(certificates.context(List.of(first[0]), null), url)).isInstanceOf(IOException.class);
      assertThat(get(certificates.context(List.of(first[0]), "a-client"), url).statusCode()).isEqualTo(200);
    } finally {
      TestNodes.stop(node);
    }
  }

  @Test
  @DisplayName("A renewed certificate written over the files is served to new connections without a restart")
  void reload() throws Exception {
    Path cert = Files.copy(first[0], dir.resolve("live.crt"), StandardCopyOption.REPLACE_EXISTING);
    Path key = Files.copy(first[1], dir.resolve("live.key"), StandardCopyOption.REPLACE_EXISTING);
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_TLS_CERT", cert.toString(),
        "MODEL_REGISTRY_TLS_KEY", key.toString(), "MODEL_REGISTRY_TLS_RELOAD_INTERVAL", "1s"));
    try {
      SSLContext trustingBoth = certificates.context(List.of(first[0], second[0]), null);
      String url = "https://127.0.0.1:" + node.config().http().port() + "/health/live";
      assertThat(subject(get(trustingBoth, url))).isEqualTo("CN=first");
      Files.copy(second[1], key, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(second[0], cert, StandardCopyOption.REPLACE_EXISTING);
      Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
          .until(() -> subject(get(trustingBoth, url)).equals("CN=second"));
    } finally {
      TestNodes.stop(node);
    }
  }

  @Test
  @DisplayName("An unreadable key, a certificate file that is not PEM, or a certificate without a key stop start-up naming the setting")
  void badFilesStopStartUp() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.crt"), "not a certificate");
    assertThat(startFailure(Map.of("MODEL_REGISTRY_TLS_CERT", garbage.toString(),
        "MODEL_REGISTRY_TLS_KEY", first[1].toString())))
        .startsWith("MODEL_REGISTRY_TLS_CERT (config.json \"tls.cert\"): holds no");
    assertThat(startFailure(Map.of("MODEL_REGISTRY_TLS_CERT", first[0].toString(),
        "MODEL_REGISTRY_TLS_KEY", dir.resolve("missing.key").toString())))
        .startsWith("MODEL_REGISTRY_TLS_KEY (config.json \"tls.key\"): cannot read");
    assertThat(startFailure(Map.of("MODEL_REGISTRY_TLS_CERT", first[0].toString(),
        "MODEL_REGISTRY_TLS_KEY", first[0].toString())))
        .startsWith("MODEL_REGISTRY_TLS_KEY (config.json \"tls.key\"): ");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("MODEL_REGISTRY_TLS_CERT", first[0].toString()), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("MODEL_REGISTRY_TLS_KEY");
  }

  private static String startFailure(Map<String, String> settings) {
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> TestNodes.single(settings));
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigException config) {
        return config.getMessage();
      }
    }
    throw new AssertionError("start-up did not fail with a ConfigException", failure);
  }

  private static HttpResponse<String> get(SSLContext context, String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + TestTokens.admin()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String subject(HttpResponse<?> response) throws Exception {
    return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0])
        .getSubjectX500Principal().getName();
  }
}
