package io.sophra.registry.background;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingTest {

  @Test
  void runsTheTaskOnAWorkerThread() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      String thread = Blocking.onWorker(vertx, () -> Thread.currentThread().getName())
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertTrue(thread.startsWith("vert.x-worker-thread"), thread);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aClosedWorkerPoolFailsTheFutureInsteadOfThrowing() throws Exception {
    Vertx vertx = Vertx.vertx();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    // what Vert.x itself does once its pool is gone: the reason for Blocking
    assertThrows(RejectedExecutionException.class, () -> vertx.executeBlocking(() -> "late", false));

    Future<String> late = Blocking.onWorker(vertx, () -> "late");

    assertTrue(late.failed());
    Blocking.Stopping stopping = assertInstanceOf(Blocking.Stopping.class, late.cause());
    assertEquals("the node is stopping: its worker pool is closed", stopping.getMessage());
    assertInstanceOf(RejectedExecutionException.class, stopping.getCause());
  }
}
