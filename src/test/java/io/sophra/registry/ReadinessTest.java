package io.sophra.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sophra.registry.support.Futures;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
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
