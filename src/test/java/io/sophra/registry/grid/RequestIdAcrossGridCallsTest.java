package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.sophra.registry.logging.RequestScope;
import io.sophra.registry.support.Futures;
import io.sophra.registry.support.LogCapture;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two requests on one event loop, each waiting for a grid call that a foreign thread (as Hazelcast's
 * partition threads do) completes in the opposite order: the line each writes after its call carries
 * its own id, and a line written on the foreign thread carries none.
 */
@DisplayName("The request id stays with its request across a grid call's hop back to the event loop")
class RequestIdAcrossGridCallsTest {

  private static final Logger LOG = LoggerFactory.getLogger("grid-call-test");
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Futures.await(vertx.close());
  }

  @Test
  @DisplayName("Lines after HazelcastFutures' hop carry the id of their own request, none on the completing thread")
  void idFollowsTheHop() throws Exception {
    ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
    Context first = loop.duplicate();
    Context second = loop.duplicate();
    CompletableFuture<String> firstCall = new CompletableFuture<>();
    CompletableFuture<String> secondCall = new CompletableFuture<>();
    try (LogCapture lines = LogCapture.of("grid-call-test")) {
      awaitOn(first, () -> {
        RequestScope.enter(first, "request-one");
        HazelcastFutures.toFuture(firstCall, first).onSuccess(value -> LOG.info("after {}", value));
      });
      awaitOn(second, () -> {
        RequestScope.enter(second, "request-two");
        HazelcastFutures.toFuture(secondCall, second).onSuccess(value -> LOG.info("after {}", value));
      });
      Thread partitionThread = new Thread(() -> {
        secondCall.complete("two");
        LOG.info("on the completing thread");
        firstCall.complete("one");
      }, "hz.partition-thread-stand-in");
      partitionThread.start();
      partitionThread.join();

      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.events().size() == 3);
      List<ILoggingEvent> events = lines.events();
      assertThat(events).filteredOn(event -> event.getFormattedMessage().equals("after one"))
          .singleElement().satisfies(event -> {
            assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "request-one");
            assertThat(event.getThreadName()).startsWith("vert.x-eventloop");
          });
      assertThat(events).filteredOn(event -> event.getFormattedMessage().equals("after two"))
          .singleElement().satisfies(event ->
              assertThat(event.getMDCPropertyMap()).containsEntry("requestId", "request-two"));
      assertThat(events).filteredOn(event -> event.getFormattedMessage().equals("on the completing thread"))
          .singleElement().satisfies(event -> assertThat(event.getMDCPropertyMap()).doesNotContainKey("requestId"));
    }
  }

  @Test
  @DisplayName("An id is bound only to a request's duplicated context, never to the event loop's own")
  void baseContextUntouched() {
    Context base = vertx.getOrCreateContext();
    assertThat(RequestScope.enter(base, "shared")).isFalse();
    Context duplicate = ((ContextInternal) base).duplicate();
    assertThat(RequestScope.enter(duplicate, "mine")).isTrue();
    Promise<String> seen = Promise.promise();
    base.runOnContext(ignored -> seen.complete(RequestScope.currentId().orElse("none")));
    assertThat(Futures.await(seen.future())).isEqualTo("none");
  }

  private static void awaitOn(Context context, Runnable action) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> {
      action.run();
      done.complete();
    });
    Futures.await(done.future());
  }
}
