package io.sophra.registry.bench;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What writing one audit success line costs the thread that writes it (an event loop, in the
 * registry): {@link Impl#ASYNC_BLOCKING} is the shipped {@code conf/logback.xml} appender for the
 * {@code audit} logger (an {@code AsyncAppender}, queue 8192, never discarding, {@code neverBlock}
 * false: it waits for room rather than drop a line); {@link Impl#SYNC} is the baseline a
 * synchronous appender would be (encode and write the line on the caller's thread, one
 * {@code write} system call per line, as the console appender does). Both write the same ~400-byte
 * JSON line through the same encoder to {@code /dev/null}, which costs a system call and no disk.
 *
 * <p>{@link Pace#PACED} leaves the writer 20 µs between lines (outside the measured time), as
 * changes arrive in the registry; the async queue then never fills and the caller pays for an
 * enqueue only. {@link Pace#BACK_TO_BACK} writes as fast as it can: the queue fills and the caller
 * waits for the writer thread — what a blocking appender costs once its sink is slower than the
 * lines (stdout stalled), the bound of its worst case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AuditLineBenchmark {

  /** How the line reaches its sink. */
  public enum Impl { ASYNC_BLOCKING, SYNC }

  /** How often lines come. */
  public enum Pace { PACED, BACK_TO_BACK }

  private static final String LINE = "{\"id\":\"1732924800123-0482748120381440001\",\"at\":\"2024-11-30T00:00:00.123Z\","
      + "\"actor\":\"pipeline\",\"roles\":[\"writer\"],\"action\":\"update\",\"modelId\":\"ranker-v2\","
      + "\"uid\":\"8c0d9a52-7d6a-4f5e-9b1e-0c6f1d1c2a77\",\"revision\":42,\"changes\":[{\"field\":\"/status\","
      + "\"old\":\"training\",\"new\":\"ready\"},{\"field\":\"/parameters/learningRate\",\"old\":0.001,\"new\":5.0E-4}],"
      + "\"outcome\":\"success\",\"stored\":true}";

  @Param
  public Impl impl;

  @Param
  public Pace pace;

  private LoggerContext context;
  private Logger logger;

  @Setup(Level.Trial)
  public void configure() throws FileNotFoundException {
    context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
    sink.setContext(context);
    sink.setEncoder(encoder);
    sink.setImmediateFlush(true);
    sink.setOutputStream(new FileOutputStream("/dev/null"));
    sink.start();
    Appender<ILoggingEvent> appender = impl == Impl.SYNC ? sink : async(sink);
    logger = context.getLogger("audit");
    logger.setAdditive(false);
    logger.addAppender(appender);
  }

  private AsyncAppender async(Appender<ILoggingEvent> sink) {
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setQueueSize(8192);
    async.setDiscardingThreshold(0);
    async.setNeverBlock(false);
    async.addAppender(sink);
    async.start();
    return async;
  }

  @Setup(Level.Invocation)
  public void pause() {
    if (pace == Pace.PACED) {
      long until = System.nanoTime() + 20_000;
      while (System.nanoTime() < until) {
        Blackhole.consumeCPU(10);
      }
    }
  }

  @Benchmark
  public void writeLine() {
    logger.info(LINE);
  }

  @TearDown(Level.Trial)
  public void close() {
    context.stop();
  }
}
