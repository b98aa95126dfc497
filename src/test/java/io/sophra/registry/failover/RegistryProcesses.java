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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Real registry processes ({@code java -jar target/model-registry.jar}) on loopback and an nginx in
 * front of them, each with its own free ports, logs under a work directory. {@link #close} kills
 * every process it started (also registered as a JVM shutdown hook, should the test JVM die first).
 */
final class RegistryProcesses implements AutoCloseable {

  /** One registry node process and its ports. */
  record Node(Process process, int httpPort, int clusterPort, int eventBusPort, Path log) {
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path work;
  private final String clusterName = "failover-" + UUID.randomUUID();
  private final List<Node> nodes = new ArrayList<>();
  private final List<Process> started = new ArrayList<>();
  private final Thread killer = new Thread(this::killAll, "kill-test-processes");
  private Process nginx;
  private int nginxPort;

  RegistryProcesses(Path work) throws IOException {
    this.work = work.toAbsolutePath();
    Files.createDirectories(work);
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** Starts {@code count} nodes one after the other (each joins the ones before), each ready before the next. */
  List<Node> startNodes(int count) throws IOException, InterruptedException {
    List<int[]> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(new int[] {Ports.free(), Ports.free(), Ports.free()});
    }
    String members = ports.stream().map(p -> "127.0.0.1:" + p[1]).collect(Collectors.joining(","));
    for (int i = 0; i < count; i++) {
      Node node = startNode(i, ports.get(i), members);
      nodes.add(node);
      awaitReady(node, Duration.ofSeconds(120));
    }
    return List.copyOf(nodes);
  }

  private Node startNode(int index, int[] ports, String members) throws IOException {
    Path log = work.resolve("node-" + index + ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", Path.of("target", "model-registry.jar").toAbsolutePath().toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("MODEL_REGISTRY_CONF_DIR", Path.of("conf").toAbsolutePath().toString());
    env.put("MODEL_REGISTRY_DATA_DIR", work.resolve("data-" + index).toString());
    env.put("MODEL_REGISTRY_HTTP_HOST", "127.0.0.1");
    env.put("MODEL_REGISTRY_HTTP_PORT", String.valueOf(ports[0]));
    env.put("MODEL_REGISTRY_HTTP_INSTANCES", "1");
    env.put("MODEL_REGISTRY_CLUSTER_NAME", clusterName);
    env.put("MODEL_REGISTRY_CLUSTER_HOST", "127.0.0.1");
    env.put("MODEL_REGISTRY_CLUSTER_PORT", String.valueOf(ports[1]));
    env.put("MODEL_REGISTRY_CLUSTER_MEMBERS", members);
    env.put("MODEL_REGISTRY_EVENTBUS_HOST", "127.0.0.1");
    env.put("MODEL_REGISTRY_EVENTBUS_PORT", String.valueOf(ports[2]));
    env.put("MODEL_REGISTRY_DRAIN_DELAY", "0");
    env.putAll(TestTokens.SETTINGS);
    Process process = builder.start();
    started.add(process);
    return new Node(process, ports[0], ports[1], ports[2], log);
  }

  /** Starts nginx in front of the nodes, round-robin, with a configuration of the shape of conf/nginx.conf. */
  String startNginx() throws IOException, InterruptedException {
    nginxPort = Ports.free();
    Path dir = work.resolve("nginx");
    Files.createDirectories(dir.resolve("tmp"));
    String upstreams = nodes.stream()
        .map(node -> "    server 127.0.0.1:" + node.httpPort() + " max_fails=1 fail_timeout=5s;")
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
    while (status("http://127.0.0.1:" + node.httpPort() + "/health/ready") != 200) {
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
