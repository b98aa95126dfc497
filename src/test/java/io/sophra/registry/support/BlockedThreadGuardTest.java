package io.sophra.registry.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The blocked-event-loop guard notices a blocked event loop")
class BlockedThreadGuardTest {

  @Test
  @DisplayName("A handler sleeping on the event loop past the threshold is reported with its stack")
  void detectsBlocking() throws Exception {
    Vertx vertx = BlockedThreadGuard.watch(Vertx.vertx(BlockedThreadGuard.options()));
    CountDownLatch done = new CountDownLatch(1);
    try {
      vertx.runOnContext(ignored -> {
        sleep(BlockedThreadGuard.MAX_EVENT_LOOP_MILLIS * 3);
        done.countDown();
      });
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    List<String> reports = BlockedThreadGuard.drain();
    assertThat(reports).isNotEmpty();
    assertThat(reports.get(0)).contains("eventloop").contains("Thread.sleep");
  }

  @Test
  @DisplayName("Short event-loop tasks are not reported")
  void quietWhenNotBlocking() throws Exception {
    Vertx vertx = BlockedThreadGuard.watch(Vertx.vertx(BlockedThreadGuard.options()));
    CountDownLatch done = new CountDownLatch(20);
    try {
      for (int i = 0; i < 20; i++) {
        vertx.setTimer(10 + i * 10L, id -> done.countDown());
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    assertThat(BlockedThreadGuard.drain()).isEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
