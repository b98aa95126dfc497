package io.sophra.registry.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process started by the load run: a {@link ServerProcess} JVM (same java, same JVM options
 * and class path as the load run) or any other program. Its standard error goes to the load run's; its
 * standard output is read for a ready line, then copied to the load run's standard error. It is
 * stopped by {@link #close} (or when the load run's JVM exits), never left running.
 */
final class ChildProcess implements AutoCloseable {

  private final String name;
  private final Process process;

  private ChildProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
  }

  /** The running process, for its CPU time. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  /** A {@link ServerProcess} JVM with {@code args}; returns once it printed its ready line. */
  static ChildProcess java(String name, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServerProcess.class.getName());
    command.addAll(args);
    return start(name, command);
  }

  /** Any program; the caller checks when it is ready. */
  static ChildProcess start(String name, List<String> command) {
    try {
      return new ChildProcess(name, new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", command), e);
    }
  }

  /** Waits for the {@link ServerProcess#READY} line; returns its fields (port, event loops). */
  int[] awaitReady() {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(ServerProcess.READY)) {
          String[] fields = line.substring(ServerProcess.READY.length()).trim().split(" ");
          Thread copier = new Thread(() -> out.lines().forEach(System.err::println), name + "-stdout");
          copier.setDaemon(true);
          copier.start();
          return new int[] {Integer.parseInt(fields[0]), Integer.parseInt(fields[1])};
        }
        System.err.println(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(name + " exited before it was ready (exit status " + exitStatus() + ")");
  }

  private String exitStatus() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Closes its standard input (a {@link ServerProcess} then stops), asks it to end, waits, then kills it. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Asks it to end (SIGTERM), waits, then kills it: for programs that stop on a signal, as redis-server. */
  void terminate() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }
}
