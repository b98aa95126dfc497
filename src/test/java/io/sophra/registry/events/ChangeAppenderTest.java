package io.sophra.registry.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.failure.RegistryException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The change log's append and the record (the audit) run side by side, and the answer waits for
 * both. The log here is a hand-driven one whose append completes when the test says: the class under
 * test is the appender, and the point is the order in which it starts and finishes the two.
 */
@DisplayName("A change's append and its record run side by side, and the answer waits for both")
class ChangeAppenderTest {

  private static final ChangeRecord RECORD = new ChangeRecord(ChangeRecord.Kind.MODEL, "updated", "m1", "{}");

  /** A log whose one append completes when {@link #answer} or {@link #refuse} is called. */
  private static final class HeldLog implements ChangeLog {
    final Promise<Long> pending = Promise.promise();
    boolean appended;

    @Override
    public Future<Long> append(ChangeRecord record) {
      appended = true;
      return pending.future();
    }

    @Override
    public Future<List<FeedEvent>> readAfter(long after, int max) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<List<FeedEvent>> awaitAfter(long after, int max) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Future<Long> lastSequence() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  @DisplayName("the record starts while the append is still in flight, after it was sent")
  void recordStartsBeforeTheAppendCompletes() {
    HeldLog log = new HeldLog();
    AtomicBoolean appendSentFirst = new AtomicBoolean();
    Promise<Void> recording = Promise.promise();
    Future<Long> answer = new ChangeAppender(log).append(RECORD, () -> {
      appendSentFirst.set(log.appended);
      return recording.future();
    });
    assertThat(appendSentFirst).as("the append is sent before the record starts").isTrue();
    assertThat(log.pending.future().isComplete()).isFalse();

    recording.complete();
    assertThat(answer.isComplete()).as("no answer before the log took the change").isFalse();
    log.pending.complete(41L);
    assertThat(answer.result()).isEqualTo(41L);
  }

  /** An append under test: its held log, its recording, and the answer. */
  private static final class Appending {
    final HeldLog log = new HeldLog();
    final Promise<Void> recording = Promise.promise();
    final Future<Long> answer = new ChangeAppender(log).append(RECORD, recording::future);
  }

  @Test
  @DisplayName("the answer waits for a record slower than the append")
  void answerWaitsForTheRecord() {
    Appending appending = new Appending();
    appending.log.pending.complete(7L);
    assertThat(appending.answer.isComplete()).as("no answer before the record is kept").isFalse();
    appending.recording.complete();
    assertThat(appending.answer.result()).isEqualTo(7L);
  }

  @Test
  @DisplayName("a refused append is a 503 saying the change is stored, once the record is done too")
  void refusedAppend() {
    Appending appending = new Appending();
    appending.log.pending.fail(new IllegalStateException("ring gone"));
    assertThat(appending.answer.isComplete()).isFalse();
    appending.recording.complete();
    assertThat(appending.answer.cause()).isInstanceOf(RegistryException.Unavailable.class)
        .hasMessageContaining("the change is stored").hasRootCauseMessage("ring gone");
  }
}
