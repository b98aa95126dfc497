package io.sophra.registry.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sophra.registry.bench.support.Await;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both generators keep every completed request in the histogram and count the unexpected ones as errors. */
class GeneratorsCountEveryAnswerTest {

  private Vertx vertx;
  private Context context;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void stop() {
    Await.result(vertx.close(), 10);
  }

  /**
   * Every fifth request fails outright, every third of the others is answered unexpectedly, the rest as
   * expected; each answer arrives on a later turn of the event loop, as a server's does.
   */
  private Requests mixed() {
    int[] sent = {0};
    return () -> {
      int n = ++sent[0];
      Promise<Boolean> answer = Promise.promise();
      context.runOnContext(ignored -> {
        if (n % 5 == 0) {
          answer.fail("connection reset");
        } else {
          answer.complete(n % 3 != 0);
        }
      });
      return answer.future();
    };
  }

  @Test
  void aFixedRateStepRecordsUnexpectedAnswersAndFailuresAndCountsThemAsErrors() {
    LoadResult result = new FixedRateLoad(context, mixed())
        .run("REGISTRY", 1, 2000, Duration.ofMillis(100), Duration.ofMillis(500));
    assertEquals(1000, result.answered(), "every request scheduled completed");
    assertEquals(result.answered(), result.latency().getTotalCount(), "none left out of the histogram");
    assertTrue(result.errors() > 400 && result.errors() < 500, "about 1/3 + 1/5 - 1/15 of 1,000: " + result.errors());
  }

  @Test
  void aSaturationRunRecordsUnexpectedAnswersAndFailuresAndCountsThemAsErrors() throws InterruptedException {
    LoadResult result = new SaturationLoad(context, mixed())
        .run("REGISTRY", ProcessHandle.current(), 1, 2, Duration.ofMillis(50), Duration.ofMillis(200));
    assertTrue(result.answered() > 100, "the loop ran: " + result.answered());
    assertTrue(result.cpu().serverMicros() > 0 && result.cpu().clientMicros() > 0,
        "this process served and sent, and spent CPU doing it: " + result.cpu());
    assertEquals(result.answered(), result.latency().getTotalCount(), "none left out of the histogram");
    double share = (double) result.errors() / result.answered();
    assertTrue(share > 0.4 && share < 0.5, "about 7/15 of the requests are errors: " + share);
  }

  @Test
  void aServerWhoseCpuTimeCannotBeReadStillHasItsRoundRecordedWithoutTheFigure() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    assertEquals(0, gone.waitFor(), "a process that has exited: the system no longer tells its CPU time");
    LoadResult result = new SaturationLoad(context, mixed())
        .run("REGISTRY", gone.toHandle(), 1, 2, Duration.ofMillis(50), Duration.ofMillis(200));
    assertTrue(result.answered() > 100, "the round ran and was recorded: " + result.answered());
    assertNull(result.cpu(), "no CPU figure rather than a made-up one");
    assertFalse(result.toJson().containsKey("cpuMicrosPerRequest"));
  }
}
