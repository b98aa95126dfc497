package io.sophra.registry.grid;

import static io.sophra.registry.support.Futures.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.PartitionMigratingException;
import com.hazelcast.spi.exception.WrongTargetException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.support.Futures;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
  @DisplayName("A blocking call asked for while Vert.x closes fails as Unavailable, not thrown and not a 500")
  void blockingCallWhileStoppingIsUnavailable() {
    Vertx closed = Vertx.vertx();
    Futures.await(closed.close());
    GridCalls late = new GridCalls(closed, Duration.ofMillis(300));

    Throwable failure = failureOf(late.blocking(() -> "never run"));

    assertThat(failure).isInstanceOf(RegistryException.Unavailable.class)
        .hasMessageContaining("outcome may be unknown").hasRootCauseInstanceOf(RejectedExecutionException.class);
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
  @DisplayName("A call refused because its partition was migrating is made again within the deadline, and succeeds")
  void migrationIsWaitedFor() {
    AtomicInteger made = new AtomicInteger();

    String answer = Futures.await(calls.async(calls.deadline(), () -> made.incrementAndGet() < 4
        ? CompletableFuture.failedFuture(new PartitionMigratingException("migrating"))
        : CompletableFuture.completedFuture("written")));

    assertThat(answer).isEqualTo("written");
    assertThat(made).hasValue(4);
  }

  @Test
  @DisplayName("A migration that outlasts the deadline is Unavailable at the deadline; a member leaving mid-call is never repeated")
  void retriesStopAtTheDeadline() {
    AtomicInteger made = new AtomicInteger();
    Throwable migrating = failureOf(calls.async(() -> {
      made.incrementAndGet();
      return CompletableFuture.failedFuture(new WrongTargetException("moved"));
    }));
    AtomicInteger leftMade = new AtomicInteger();
    failureOf(calls.async(calls.deadline(), () -> {
      leftMade.incrementAndGet();
      return CompletableFuture.failedFuture(new MemberLeftException("owner left"));
    }));

    assertThat(migrating).isInstanceOf(RegistryException.Unavailable.class);
    assertThat(made.get()).isGreaterThan(1);
    assertThat(leftMade).as("its write may have run").hasValue(1);
  }

  @Test
  @DisplayName("A call refused by split-brain protection is NoQuorum: nothing ran, retry elsewhere")
  void splitBrainProtectionIsNoQuorum() {
    Throwable refused = failureOf(calls.async(
        () -> CompletableFuture.failedFuture(new SplitBrainProtectionException("registry-majority has failed!"))));

    assertThat(refused).isInstanceOf(RegistryException.NoQuorum.class).hasMessageContaining("nothing was read or changed");
  }

  @Test
  @DisplayName("A plain runtime exception thrown inside Hazelcast (\"Connecting to self!\") is Unavailable, not a 500")
  void hazelcastRuntimeFailureIsUnavailable() {
    RuntimeException selfConnect = new RuntimeException("Connecting to self! [127.0.0.1]:35827");
    selfConnect.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "com.hazelcast.internal.server.tcp.TcpServerContext", "shouldConnectTo", "TcpServerContext.java", 223)});

    Throwable failure = failureOf(calls.async(() -> {
      throw selfConnect;
    }));

    assertThat(failure).isInstanceOf(RegistryException.Unavailable.class).hasCause(selfConnect)
        .hasMessageContaining("RuntimeException");
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
