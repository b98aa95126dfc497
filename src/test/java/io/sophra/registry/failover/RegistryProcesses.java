package io.sophra.registry.failover;

import io.sophra.registry.support.Ports;
import io.sophra.registry.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real registry processes ({@code java -jar target/model-registry.jar}) on loopback and an nginx in
 * front of them, each with its own free ports, logs under a work directory. {@link #close} kills
 * every process it started (also registered as a JVM shutdown hook, should the test JVM die first).
 */
final class RegistryProcesses implements AutoCloseable {

  /** One registry node process: where it listens, its log, and the process now running it. */
  record Node(int index, String host, int httpPort, int clusterPort, int eventBusPort, Path log, Process process) {

    /** The base URL of its HTTP API. */
    String url() {
      return "http://" + host + ":" + httpPort;
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration START_LIMIT = Duration.ofSeconds(120);

  private final Path work;
  private final String clusterName = "failover-" + UUID.randomUUID();
  private final List<Node> nodes = new ArrayList<>();
  private final List<Process> started = new ArrayList<>();
  private final Map<Integer, Map<String, String>> environments = new HashMap<>();
  private final Thread killer = new Thread(this::killAll, "kill-test-processes");
  private Process nginx;
  private int nginxPort;

  RegistryProcesses(Path work) throws IOException {
    this.work = work.toAbsolutePath();
    Files.createDirectories(work);
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** Starts {@code count} nodes on 127.0.0.1 one after the other (each joins the ones before), each ready before the next. */
  List<Node> startNodes(int count) throws IOException, InterruptedException {
    return startNodes(Collections.nCopies(count, "127.0.0.1"), Map.of(), false);
  }

  /**
   * Starts a node on each of {@code hosts} (HTTP, Hazelcast and the event bus all bound to it) with
   * {@code settings} over the test defaults: all at once when {@code together} (a cluster with
   * split-brain protection serves only once a majority has started), else one after the other's
   * readiness. Answers once every node is ready.
   */
  List<Node> startNodes(List<String> hosts, Map<String, String> settings, boolean together)
      throws IOException, InterruptedException {
    List<int[]> ports = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      ports.add(new int[] {Ports.free(), Ports.free(), Ports.free()});
    }
    List<String> members = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      members.add(hosts.get(i) + ":" + ports.get(i)[1]);
    }
    for (int i = 0; i < hosts.size(); i++) {
      environments.put(i, environment(i, hosts.get(i), ports.get(i), String.join(",", members), settings));
      Node node = launch(i, hosts.get(i), ports.get(i), "node-" + i + ".log");
      nodes.add(node);
      if (!together) {
        awaitReady(node, START_LIMIT);
      }
    }
    for (Node node : nodes) {
      awaitReady(node, START_LIMIT);
    }
    return List.copyOf(nodes);
  }

  /** Stops {@code node} with SIGTERM (a graceful drain and leave) and answers its exit status. */
  int terminate(Node node) throws InterruptedException {
    node.process().destroy();
    if (!node.process().waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("node " + node.index() + " did not stop within 60 s of SIGTERM");
    }
    return node.process().exitValue();
  }

  /** Starts {@code node} again on the same ports, with the same settings; answers it once ready. */
  Node restart(Node node) throws IOException, InterruptedException {
    int restarts = (int) nodes.stream().filter(other -> other.index() == node.index()).count();
    Node again = launch(node.index(), node.host(), new int[] {node.httpPort(), node.clusterPort(), node.eventBusPort()},
        "node-" + node.index() + "." + restarts + ".log");
    nodes.add(again);
    awaitReady(again, START_LIMIT);
    return again;
  }

  private Node launch(int index, String host, int[] ports, String logName) throws IOException {
    Path log = work.resolve(logName);
    String java = ProcessHandle.current().info().command().orElse("java");
    // Linux accepts any 127.x.y.z address on lo without an alias, but Hazelcast only picks addresses
    // that an interface lists (lo lists 127.0.0.1): told the address, it binds to it directly.
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dhazelcast.local.localAddress=" + host, "-Dmodel-registry.log.list-index=DEBUG",
        "-jar", Path.of("target", "model-registry.jar").toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environments.get(index));
    Process process = builder.start();
    started.add(process);
    return new Node(index, host, ports[0], ports[1], ports[2], log, process);
  }

  private Map<String, String> environment(int index, String host, int[] ports, String members,
      Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    env.put("MODEL_REGISTRY_CONF_DIR", Path.of("conf").toAbsolutePath().toString());
    env.put("MODEL_REGISTRY_DATA_DIR", work.resolve("data-" + index).toString());
    env.put("MODEL_REGISTRY_HTTP_HOST", host);
    env.put("MODEL_REGISTRY_HTTP_PORT", String.valueOf(ports[0]));
    env.put("MODEL_REGISTRY_HTTP_INSTANCES", "1");
    env.put("MODEL_REGISTRY_CLUSTER_NAME", clusterName);
    env.put("MODEL_REGISTRY_CLUSTER_HOST", host);
    env.put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(ports[1]));
    env.put("MODEL_REGISTRY_CLUSTER_MEMBERS", members);
    env.put("MODEL_REGISTRY_EVENTBUS_HOST", host);
    env.put("MODEL_REGISTRY_EVENTBUS_PORT", String.valueOf(ports[2]));
    env.put("MODEL_REGISTRY_DRAIN_DELAY", "0");
    env.putAll(TestTokens.SETTINGS);
    env.putAll(settings);
    return env;
  }

  /** Starts nginx in front of the nodes (one server per node, whatever its restarts), round-robin, with a configuration of the shape of conf/nginx.conf. */
  String startNginx() throws IOException, InterruptedException {
    nginxPort = Ports.free();
    Path dir = work.resolve("nginx");
    Files.createDirectories(dir.resolve("tmp"));
    String upstreams = nodes.stream()
        .filter(node -> node == nodes.stream().filter(other -> other.index() == node.index()).findFirst().orElseThrow())
        .map(node -> "    server " + node.host() + ":" + node.httpPort() + " max_fails=3 fail_timeout=5s;")
        .collect(Collectors.joining("\n"));
    Files.writeString(dir.resolve("nginx.conf"), """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 1024; }
        http {
          access_log off;
          client_body_temp_path %1$s/tmp/body;
          proxy_temp_path %1$s/tmp/proxy;
          fastcgi_temp_path %1$s/tmp/fastcgi;
          uwsgi_temp_path %1$s/tmp/uwsgi;
          scgi_temp_path %1$s/tmp/scgi;
          upstream model_registry {
        %2$s
            keepalive 32;
          }
          server {
            listen 127.0.0.1:%3$d;
            client_max_body_size 1m;
            location /v1/events {
              proxy_pass http://model_registry;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_connect_timeout 1s;
              proxy_buffering off;
              proxy_read_timeout 1h;
              proxy_next_upstream error timeout http_502 http_503;
              proxy_next_upstream_tries 3;
            }
            location / {
              proxy_pass http://model_registry;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_connect_timeout 1s;
              proxy_read_timeout 10s;
              proxy_next_upstream error timeout http_502 http_503;
              proxy_next_upstream_tries 3;
            }
          }
        }
        """.formatted(dir, upstreams, nginxPort));
    nginx = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
        "-g", "daemon off; master_process off;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    started.add(nginx);
    String base = "http://127.0.0.1:" + nginxPort;
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (status(base + "/health/live") != 200) {
      if (!nginx.isAlive() || System.nanoTime() > until) {
        throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("stdout.log")));
      }
      Thread.sleep(100);
    }
    return base;
  }

  /** The port nginx listens on, once started. */
  int nginxPort() {
    return nginxPort;
  }

  static void awaitReady(Node node, Duration limit) throws IOException, InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (status(node.url() + "/health/ready") != 200) {
      if (!node.process().isAlive() || System.nanoTime() > until) {
        throw new IllegalStateException("node on port " + node.httpPort() + " did not become ready; its log:\n"
            + Files.readString(node.log()));
      }
      Thread.sleep(200);
    }
  }

  /** The status of a GET, or -1 when there is no answer. */
  static int status(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already; the hook runs killAll itself
    }
  }

  private void killAll() {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    for (Process process : started) {
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new IOException("interrupted while killing test processes", e));
      }
    }
  }
}
