package io.sophra.registry.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package) for one test: a free loopback port, a temporary
 * directory of its own, append-only persistence with {@code appendfsync always} (so a stop and start
 * keeps every acknowledged write), and stopped by its process id, also when the test fails or the
 * JVM exits. A Lettuce client, independent of the code under test's connection, reads it.
 */
public final class RedisServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final int port;
  private final Path dir;
  private final List<String> extraConfig;
  private final String password;
  private final Thread killOnExit;
  private Process process;
  private RedisClient client;
  private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();

  private RedisServer(List<String> extraConfig) throws IOException {
    this.port = Ports.free();
    this.dir = Files.createTempDirectory("redis-test-");
    this.extraConfig = List.copyOf(extraConfig);
    this.password = extraConfig.stream().filter(line -> line.startsWith("requirepass "))
        .map(line -> line.substring("requirepass ".length()).trim()).findFirst().orElse(null);
    this.killOnExit = new Thread(this::kill, "redis-server-" + port + "-kill");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts a server; {@code extraConfig} lines go into its configuration file (e.g. {@code requirepass s3cret}). */
  public static RedisServer start(String... extraConfig) {
    try {
      RedisServer server = new RedisServer(List.of(extraConfig));
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() throws IOException {
    Path conf = dir.resolve("redis.conf");
    List<String> lines = new ArrayList<>(List.of(
        "bind 127.0.0.1", "port " + port, "dir " + dir, "daemonize no", "save \"\"",
        "appendonly yes", "appendfsync always", "logfile " + dir.resolve("redis.log")));
    lines.addAll(extraConfig);
    Files.write(conf, lines);
    process = new ProcessBuilder("redis-server", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("stdout.log").toFile()).start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        kill();
        throw new IllegalStateException("redis-server on port " + port + " did not start: " + log());
      }
      sleep(20);
    }
  }

  private boolean answersPing() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      int first = in.read();
      return first == '+' || first == '-';
    } catch (IOException e) {
      return false;
    }
  }

  public int port() {
    return port;
  }

  /** {@code redis://[:password@]127.0.0.1:port} (database 0). */
  public String url() {
    return "redis://" + (password != null ? ":" + password + "@" : "") + "127.0.0.1:" + port;
  }

  public String url(int database) {
    return url() + "/" + database;
  }

  /** The settings that make a registry node write through to this server (database 0). */
  public Map<String, String> registrySettings() {
    return Map.of("MODEL_REGISTRY_PERSISTENCE", "redis", "MODEL_REGISTRY_REDIS_URL", url());
  }

  /** Synchronous commands on database 0 through a client of the test's own. */
  public RedisCommands<String, String> commands() {
    return commands(0);
  }

  public synchronized RedisCommands<String, String> commands(int database) {
    if (client == null) {
      client = RedisClient.create();
    }
    RedisURI.Builder uri = RedisURI.builder().withHost("127.0.0.1").withPort(port).withDatabase(database)
        .withTimeout(Duration.ofSeconds(10));
    if (password != null) {
      uri.withPassword(password.toCharArray());
    }
    StatefulRedisConnection<String, String> connection = client.connect(uri.build());
    connections.add(connection);
    return connection.sync();
  }

  /** Stops the server (SIGTERM to its process id) and waits for it to exit; its data stay on disk. */
  public synchronized void stop() {
    closeClient();
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts the server again on the same port and directory, so it reloads what it had. */
  public synchronized void restart() {
    stop();
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
  public void pause() {
    signal("STOP");
  }

  /** Lets a frozen server run again (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server (resuming it first if frozen) and deletes its directory. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      resume();
    }
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting already
    }
    deleteDirectory();
  }

  private synchronized void closeClient() {
    connections.forEach(StatefulRedisConnection::close);
    connections.clear();
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      client = null;
    }
  }

  private void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private String log() {
    try {
      Path log = dir.resolve("redis.log");
      return Files.exists(log) ? Files.readString(log) : Files.readString(dir.resolve("stdout.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private void deleteDirectory() {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
