package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sophra.registry.RegistryNode;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.TestNodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Raw sockets against a real node: how many connections it holds, and for how long an idle one. */
@DisplayName("HTTP connections: a cap per node and an idle timeout")
class ConnectionLimitsTest {

  private static final byte[] LIVE = "GET /health/live HTTP/1.1\r\nHost: registry\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private static Socket connect(RegistryNode node) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", node.config().http().port()), 5000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Sends one keep-alive request; answers the status line, or null when the server closed the connection. */
  private static String exchange(Socket socket) throws IOException {
    try {
      socket.getOutputStream().write(LIVE);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      int read;
      while ((read = in.read()) != -1) {
        head.append((char) read);
        if (head.indexOf("\r\n\r\n") >= 0) {
          int length = Integer.parseInt(head.toString().replaceAll("(?s).*content-length: *(\\d+).*", "$1"));
          in.readNBytes(length);
          return head.substring(0, head.indexOf("\r\n"));
        }
      }
      return null;
    } catch (SocketException reset) {
      return null;
    }
  }

  private static boolean closedByServer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketException reset) {
      return true;
    }
  }

  @Test
  @DisplayName("With a cap of 2 (over both API verticles), a third connection is closed unanswered and counted;"
      + " once one closes, a new one is served")
  void connectionCap() throws Exception {
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_HTTP_MAX_CONNECTIONS", "2"));
    try (Socket first = connect(node); Socket second = connect(node)) {
      assertThat(exchange(first)).isEqualTo("HTTP/1.1 200 OK");
      assertThat(exchange(second)).isEqualTo("HTTP/1.1 200 OK");

      try (Socket third = connect(node)) {
        assertThat(exchange(third)).as("over the cap: closed, no answer").isNull();
      }
      assertThat(exchange(first)).as("the connections within the cap still work").isEqualTo("HTTP/1.1 200 OK");
      assertThat(node.meters().get(ConnectionLimit.REFUSED_METRIC).counter().count()).isGreaterThanOrEqualTo(1.0);

      second.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        try (Socket next = connect(node)) {
          return "HTTP/1.1 200 OK".equals(exchange(next));
        }
      });
    } finally {
      TestNodes.stop(node);
    }
  }

  @Test
  @DisplayName("A connection idle for the 1 s idle timeout is closed by the server, and the node serves new ones")
  void idleTimeout() throws Exception {
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_HTTP_IDLE_TIMEOUT", "1s"));
    try (Socket idle = connect(node)) {
      assertThat(exchange(idle)).isEqualTo("HTTP/1.1 200 OK");
      long quiet = System.nanoTime();

      assertThat(closedByServer(idle)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - quiet)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
      assertThat(new Http(TestNodes.url(node)).get("/health/live").status()).isEqualTo(200);
    } finally {
      TestNodes.stop(node);
    }
  }
}
