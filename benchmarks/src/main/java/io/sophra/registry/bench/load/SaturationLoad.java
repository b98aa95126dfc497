package io.sophra.registry.bench.load;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code connections} requests in flight at all times, each connection sending its
 * next GET as soon as the previous answer was read; latency runs from sending to reading the answer.
 * It measures the most a server answers with that many connections and the latency it answers with
 * then, which is what the verdict compares between the registry, the bare server and Redis. Every
 * completed request is in the latencies, whatever it was answered; unexpected answers and failures
 * also count as errors. Everything runs on the client's event loop. Over the recorded window it also
 * reads the CPU time of the server's process and of the client's (the operating system's figures,
 * {@link ProcessHandle.Info#totalCpuDuration}), each divided by the requests completed.
 */
final class SaturationLoad {

  private final Context context;
  private final Requests requests;
  private final Histogram latency = new Histogram(3);
  private boolean recording;
  private boolean stopping;
  private long answered;
  private long errors;
  private volatile int running;
  /** Requests completed, recorded or not; written on the event loop only. */
  private volatile long completed;
  private CountDownLatch stopped;

  SaturationLoad(Context context, Requests requests) {
    this.context = context;
    this.requests = requests;
  }

  /**
   * Unrecorded: the closed loop until {@code requests} have completed or {@code cap} has passed, so a
   * server JVM just started (and the client) compile their hot paths before anything is measured.
   */
  void warm(int connections, long requests, Duration cap) throws InterruptedException {
    stopped = new CountDownLatch(1);
    context.runOnContext(ignored -> {
      running = connections;
      for (int i = 0; i < connections; i++) {
        loop();
      }
    });
    long deadline = System.nanoTime() + cap.toNanos();
    while (completed < requests && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    context.runOnContext(ignored -> stopping = true);
    stopped.await(FixedRateLoad.DRAIN.toSeconds(), TimeUnit.SECONDS);
  }

  /** One recorded window after {@code warmup}; {@code server} is the subject's process, for its CPU time. */
  LoadResult run(String subject, ProcessHandle server, int round, int connections, Duration warmup, Duration duration)
      throws InterruptedException {
    stopped = new CountDownLatch(1);
    context.runOnContext(ignored -> {
      running = connections;
      for (int i = 0; i < connections; i++) {
        loop();
      }
    });
    Thread.sleep(warmup.toMillis());
    CountDownLatch started = new CountDownLatch(1);
    long[] window = new long[2];
    context.runOnContext(ignored -> {
      recording = true;
      window[0] = System.nanoTime();
      started.countDown();
    });
    started.await();
    Optional<Duration> serverBefore = cpuTime(server);
    Optional<Duration> clientBefore = cpuTime(ProcessHandle.current());
    Thread.sleep(duration.toMillis());
    CountDownLatch ended = new CountDownLatch(1);
    context.runOnContext(ignored -> {
      recording = false;
      stopping = true;
      window[1] = System.nanoTime();
      ended.countDown();
    });
    ended.await();
    Optional<Duration> serverCpu = serverBefore.flatMap(before -> cpuTime(server).map(after -> after.minus(before)));
    Optional<Duration> clientCpu = clientBefore.flatMap(before -> cpuTime(ProcessHandle.current())
        .map(after -> after.minus(before)));
    // a request still unanswered DRAIN after the window closed is an error (its loop never ends)
    long unanswered = stopped.await(FixedRateLoad.DRAIN.toSeconds(), TimeUnit.SECONDS) ? 0 : running;
    double seconds = (window[1] - window[0]) / 1e9;
    long completedInWindow = Math.max(1, answered);
    LoadResult.CpuPerRequest cpu = serverCpu.isEmpty() || clientCpu.isEmpty() ? null
        : new LoadResult.CpuPerRequest(serverCpu.get().toNanos() / 1e3 / completedInWindow,
            clientCpu.get().toNanos() / 1e3 / completedInWindow);
    return new LoadResult(subject, round, "saturation", connections, 0, seconds, answered, errors + unanswered,
        latency.copy(), null, cpu);
  }

  /**
   * The process's CPU time so far (user and system, all threads); empty when the system does not tell
   * (the server's process has died: its round is still recorded, with its errors, without the figure).
   */
  private static Optional<Duration> cpuTime(ProcessHandle process) {
    return process.info().totalCpuDuration();
  }

  private void loop() {
    if (stopping) {
      if (--running == 0) {
        stopped.countDown();
      }
      return;
    }
    long sent = System.nanoTime();
    requests.next().onComplete(result -> {
      completed++;
      if (recording) {
        latency.recordValue(System.nanoTime() - sent);
        answered++;
        if (result.failed() || !result.result()) {
          errors++;
        }
      }
      loop();
    });
  }
}
