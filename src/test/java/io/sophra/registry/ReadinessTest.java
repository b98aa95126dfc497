package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.support.Futures;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.sophra.registry.support.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("/health/ready")
class ReadinessTest {

  @Test
  @DisplayName("Start-up waits until the cluster has been safe once, asking again until it is")
  void startUpWaitsForClusterSafety() {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger asked = new AtomicInteger();
      Future<Void> safe = NodeLifecycle.awaitClusterSafe(vertx, () -> asked.incrementAndGet() > 3, 10);

      Futures.await(safe);
      assertThat(asked).hasValue(4);
    } finally {
      Futures.await(vertx.close());
    }
  }

  @Test
  @DisplayName("While draining, every answer says Connection: close and an idle keep-alive connection is closed by the node")
  void drainClosesKeepAliveConnections() throws IOException {
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_DRAIN_DELAY", "3s"));
    try (RawConnection idle = new RawConnection(node); RawConnection busy = new RawConnection(node)) {
      assertThat(idle.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")).contains("200 OK")
          .doesNotContainIgnoringCase("connection: close");

      Future<Void> stopped = node.stop();
      long drainStarted = System.nanoTime();
      String answer = busy.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n");
      boolean idleClosed = idle.closedByPeerWithin(Duration.ofSeconds(2));
      long closedAfterMillis = (System.nanoTime() - drainStarted) / 1_000_000;
      Futures.await(stopped);

      assertThat(answer).contains("200 OK").containsIgnoringCase("connection: close");
      assertThat(idleClosed).as("the idle connection was closed during the drain").isTrue();
      assertThat(closedAfterMillis).as("ms after the drain began").isLessThan(3000);
    }
  }

  @Test
  @DisplayName("In the last half second of the drain, reads answer 503 so a passive balancer marks the node down; writes are still served")
  void endOfDrainRefusesReads() throws InterruptedException {
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_DRAIN_DELAY", "1500ms"));
    Http http = TestNodes.http(node);
    assertThat(http.post("/v1/models", "{\"id\":\"quiet-1\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
        .isEqualTo(201);

    long stopping = System.nanoTime();
    Future<Void> stopped = node.stop();
    Reply early = http.get("/v1/models/quiet-1");
    Reply late = early;
    for (int poll = 0; poll < 60 && late.status() == 200; poll++) {
      Thread.sleep(25);
      late = http.get("/v1/models/quiet-1");
    }
    long refusedAfterMillis = (System.nanoTime() - stopping) / 1_000_000;
    Reply write = http.patch("/v1/models/quiet-1", "{\"status\":\"training\"}");
    Reply live = http.get("/health/live");
    Futures.await(stopped);

    assertThat(refusedAfterMillis).as("reads are refused only in the drain's last half second").isGreaterThanOrEqualTo(1000);

    assertThat(early.status()).isEqualTo(200);
    assertThat(late.status()).isEqualTo(503);
    assertThat(late.header("Retry-After")).isEqualTo("1");
    assertThat(late.json().getString("detail")).contains("shutting down");
    assertThat(write.status()).isEqualTo(200);
    assertThat(live.status()).isEqualTo(200);
  }

  @Test
  @DisplayName("A request still in flight when the drain ends is answered before the server closes, not cut")
  void inFlightRequestIsAnswered() throws Exception {
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_DRAIN_DELAY", "500ms"));
    Http http = TestNodes.http(node);
    assertThat(http.post("/v1/models", "{\"id\":\"drain-1\",\"baseModel\":\"b\",\"version\":\"1\"}").status())
        .isEqualTo(201);
    String body = "{\"status\":\"training\"}";
    try (RawConnection slow = new RawConnection(node)) {
      slow.write("PATCH /v1/models/drain-1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestTokens.admin()
          + "\r\nContent-Type: application/merge-patch+json\r\nContent-Length: " + body.length() + "\r\n\r\n"
          + body.substring(0, 5));

      Future<Void> stopped = node.stop();
      Thread.sleep(1000);
      boolean refusesNewConnections = refusesConnections(node);
      String answer = slow.send(body.substring(5));
      Futures.await(stopped);

      assertThat(refusesNewConnections).as("the server stopped accepting connections at the end of the drain").isTrue();
      assertThat(answer).contains("200 OK").contains("\"status\":\"training\"");
    }
  }

  private static boolean refusesConnections(RegistryNode node) {
    try (Socket socket = new Socket("127.0.0.1", node.config().http().port())) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** One HTTP/1.1 connection written and read by hand, to see exactly what the server does with it. */
  private static final class RawConnection implements AutoCloseable {
    private final Socket socket;

    RawConnection(RegistryNode node) throws IOException {
      socket = new Socket("127.0.0.1", node.config().http().port());
      socket.setSoTimeout(5000);
    }

    void write(String text) throws IOException {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
    }

    /** Writes {@code text} and answers the response that follows (headers and a Content-Length body). */
    String send(String text) throws IOException {
      write(text);
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int next = in.read();
        if (next < 0) {
          throw new IOException("closed after: " + head);
        }
        head.append((char) next);
      }
      Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
      byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
      return head + new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the server closes this (idle) connection within {@code limit}. */
    boolean closedByPeerWithin(Duration limit) throws IOException {
      socket.setSoTimeout((int) limit.toMillis());
      try {
        return socket.getInputStream().read() < 0;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (SocketException e) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  @DisplayName("Is 200 once started; on shutdown turns 503 while the node still serves for the drain delay, then the server stops")
  void drainsBeforeStopping() {
    RegistryNode node = TestNodes.single(Map.of("MODEL_REGISTRY_DRAIN_DELAY", "3s"));
    Http http = TestNodes.http(node);
    assertThat(http.get("/health/ready").status()).isEqualTo(200);

    Future<Void> stopped = node.stop();
    Reply draining = http.get("/health/ready");
    Reply stillServing = http.get("/v1/models");
    Reply live = http.get("/health/live");
    Futures.await(stopped);

    assertThat(draining.status()).isEqualTo(503);
    assertThat(draining.body()).contains("shutting down");
    assertThat(stillServing.status()).isEqualTo(200);
    assertThat(live.status()).isEqualTo(200);
    assertThatThrownBy(() -> http.get("/health/ready")).isInstanceOf(UncheckedIOException.class);
  }
}
