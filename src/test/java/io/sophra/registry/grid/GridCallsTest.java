package io.sophra.registry.grid;

import static io.sophra.registry.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.MemberLeftException;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.support.Futures;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Grid calls under the request deadline")
class GridCallsTest {

  private final Vertx vertx = Vertx.vertx();
  private final GridCalls calls = new GridCalls(vertx, Duration.ofMillis(300));

  @AfterEach
  void close() {
    Futures.await(vertx.close());
  }

  @Test
  @DisplayName("A call the grid never answers fails as Unavailable at the deadline instead of hanging")
  void unansweredCallFailsAtDeadline() {
    Throwable failure = failureOf(calls.async(CompletableFuture::new));

    assertThat(failure).isInstanceOf(RegistryException.Unavailable.class).hasMessageContaining("MODEL_REGISTRY_REQUEST_TIMEOUT");
  }

  @Test
  @DisplayName("An indeterminate outcome or a member leaving mid-call is Unavailable, never a success")
  void unknownOutcomeIsUnavailable() {
    Throwable indeterminate = failureOf(calls.async(
        () -> CompletableFuture.failedFuture(new IndeterminateOperationStateException("no backup ack"))));
    Throwable memberLeft = failureOf(calls.async(
        () -> CompletableFuture.failedFuture(new MemberLeftException("owner left"))));

    assertThat(indeterminate).isInstanceOf(RegistryException.Unavailable.class).hasMessageContaining("outcome may be unknown");
    assertThat(memberLeft).isInstanceOf(RegistryException.Unavailable.class);
  }

  @Test
  @DisplayName("Other failures pass through untranslated")
  void otherFailuresPassThrough() {
    IllegalArgumentException bug = new IllegalArgumentException("bad");

    assertThat(failureOf(calls.async(() -> CompletableFuture.failedFuture(bug)))).isSameAs(bug);
  }

  @Test
  @DisplayName("Calls of one request share its deadline: once it has passed, a further call is not even made")
  void sharedDeadline() throws InterruptedException {
    GridCalls.Deadline deadline = calls.deadline();
    assertThat(Futures.await(calls.async(deadline, () -> CompletableFuture.completedFuture("first")))).isEqualTo("first");
    Thread.sleep(350);
    AtomicBoolean made = new AtomicBoolean();

    Throwable late = failureOf(calls.async(deadline, () -> {
      made.set(true);
      return CompletableFuture.completedFuture("second");
    }));

    assertThat(late).isInstanceOf(RegistryException.Unavailable.class);
    assertThat(made).isFalse();
  }
}
