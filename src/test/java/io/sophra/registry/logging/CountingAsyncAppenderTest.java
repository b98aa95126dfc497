package io.sophra.registry.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The counting async appender drops only when its queue is full, and counts every line it drops")
class CountingAsyncAppenderTest {

  /** A sink that takes its first line, then waits until released: a stalled stdout. */
  private static final class StalledSink extends AppenderBase<ILoggingEvent> {
    final List<String> written = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected void append(ILoggingEvent event) {
      written.add(event.getFormattedMessage());
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  @DisplayName("With the writer stalled and two places in the queue, ten more lines leave two queued and eight counted")
  void countsWhatItDrops() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    StalledSink sink = new StalledSink();
    sink.setContext(context);
    sink.start();
    CountingAsyncAppender appender = new CountingAsyncAppender();
    appender.setContext(context);
    appender.setQueueSize(2);
    appender.setNeverBlock(true);
    appender.setDiscardingThreshold(2);
    appender.addAppender(sink);
    appender.start();
    String name = "refused." + UUID.randomUUID();
    Logger logger = context.getLogger(name);
    logger.setAdditive(false);
    logger.addAppender(appender);
    try {
      logger.info("first");
      Awaitility.await().until(() -> sink.written.size() == 1);
      for (int i = 0; i < 10; i++) {
        logger.info("line {}", i);
      }
      assertThat(CountingAsyncAppender.dropped(name)).isEqualTo(8);

      sink.release.countDown();
      Awaitility.await().until(() -> sink.written.size() == 3);
      assertThat(sink.written).containsExactly("first", "line 0", "line 1");
      assertThat(CountingAsyncAppender.dropped(name)).isEqualTo(8);
    } finally {
      sink.release.countDown();
      context.stop();
    }
  }
}
