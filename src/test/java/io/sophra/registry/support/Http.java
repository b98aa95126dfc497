package io.sophra.registry.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A small blocking HTTP client over real sockets (the JDK's), for tests. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  private final String baseUrl;
  private final List<String> defaultHeaders = new ArrayList<>();

  public Http(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A copy of this client that sends {@code name: value} on every request. */
  public Http withHeader(String name, String value) {
    Http copy = new Http(baseUrl);
    copy.defaultHeaders.addAll(defaultHeaders);
    copy.defaultHeaders.add(name);
    copy.defaultHeaders.add(value);
    return copy;
  }

  public Reply get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  public Reply delete(String path, String... headers) {
    return send(request(path, headers).DELETE().build());
  }

  public Reply post(String path, String body, String... headers) {
    return send(request(path, withJsonDefault(headers)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public Reply patch(String path, String body, String... headers) {
    return send(request(path, withContentType("application/merge-patch+json", headers))
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public CompletableFuture<Reply> patchAsync(String path, String body, String... headers) {
    HttpRequest request = request(path, withContentType("application/merge-patch+json", headers))
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build();
    return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Reply::new);
  }

  public CompletableFuture<Reply> getAsync(String path, String... headers) {
    return CLIENT.sendAsync(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString())
        .thenApply(Reply::new);
  }

  public CompletableFuture<Reply> postAsync(String path, String body, String... headers) {
    HttpRequest request = request(path, withJsonDefault(headers))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Reply::new);
  }

  public Reply send(String method, String path, byte[] body, String... headers) {
    return send(request(path, headers).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < defaultHeaders.size(); i += 2) {
      builder.header(defaultHeaders.get(i), defaultHeaders.get(i + 1));
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.setHeader(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private static String[] withJsonDefault(String... headers) {
    return withContentType("application/json", headers);
  }

  private static String[] withContentType(String type, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("Content-Type")) {
        return headers;
      }
    }
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = type;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return all;
  }

  private static Reply send(HttpRequest request) {
    try {
      return new Reply(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response: status, headers, body (and the body as JSON where it is JSON). */
  public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

    Reply(HttpResponse<String> response) {
      this(response.statusCode(), response.headers(), response.body());
    }

    public JsonObject json() {
      return new JsonObject(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The problem type's last segment, e.g. {@code validation}, for problem+json replies. */
    public String problemType() {
      String type = json().getString("type");
      return type.substring(type.lastIndexOf(':') + 1);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
