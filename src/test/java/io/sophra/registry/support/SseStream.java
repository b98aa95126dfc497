package io.sophra.registry.support;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Server-Sent Events client over a plain socket, for tests: sends one GET, reads the status and
 * headers, then decodes the chunked body into events ({@code id:}, {@code event:}, {@code data:})
 * and comment lines on a reader thread. {@link #close()} drops the connection at once, as a client
 * that goes away does.
 */
public final class SseStream implements AutoCloseable {

  /** One event as the stream sent it. */
  public record Event(long id, String name, JsonObject data) {
  }

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int HEAD_TIMEOUT_MILLIS = 30_000;

  private final Socket socket;
  private final int status;
  private final Map<String, String> headers;
  private final String body;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final AtomicInteger comments = new AtomicInteger();
  private volatile boolean ended;
  private Thread reader;

  private SseStream(Socket socket, int status, Map<String, String> headers, String body) {
    this.socket = socket;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** Opens {@code GET path} on 127.0.0.1:{@code port} with {@code headers} (name, value, ...). */
  public static SseStream open(int port, String path, String... headers) {
    return open(port, path, 0, headers);
  }

  /**
   * As above, with the socket's receive buffer set to {@code receiveBuffer} bytes (0: the default)
   * and nothing read after the response's head: a client that does not read.
   */
  public static SseStream openNotReading(int port, String path, int receiveBuffer, String... headers) {
    return open(port, path, receiveBuffer, headers);
  }

  private static SseStream open(int port, String path, int receiveBuffer, String... headers) {
    try {
      Socket socket = new Socket();
      if (receiveBuffer > 0) {
        socket.setReceiveBufferSize(receiveBuffer);
      }
      socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout(HEAD_TIMEOUT_MILLIS);
      StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
          .append(port).append("\r\nAccept: text/event-stream\r\n");
      for (int i = 0; i < headers.length; i += 2) {
        request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      String statusLine = line(in);
      int status = statusLine == null ? 0 : Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> head = new LinkedHashMap<>();
      for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        head.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
      boolean chunked = "chunked".equalsIgnoreCase(head.get("transfer-encoding"));
      if (status != 200 || !chunked) {
        String body = readBody(in, head, chunked);
        socket.close();
        return new SseStream(socket, status, head, body);
      }
      SseStream stream = new SseStream(socket, status, head, null);
      if (receiveBuffer == 0) {
        socket.setSoTimeout(0);
        stream.reader = new Thread(() -> stream.read(in), "sse-reader-" + port);
        stream.reader.setDaemon(true);
        stream.reader.start();
      }
      return stream;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int status() {
    return status;
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body of a response that was not a stream (a problem). */
  public JsonObject problem() {
    return new JsonObject(body);
  }

  /** The next event, or null after {@code timeout}. */
  public Event next(Duration timeout) {
    try {
      return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every event received until {@code last} (inclusive) arrives; fails after {@code timeout}. */
  public List<Event> until(java.util.function.Predicate<Event> last, Duration timeout) {
    List<Event> received = new ArrayList<>();
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      Event event = next(Duration.ofMillis(100));
      if (event != null) {
        received.add(event);
        if (last.test(event)) {
          return received;
        }
      }
    }
    throw new AssertionError("the awaited event did not come within " + timeout + "; received " + received.size()
        + (received.isEmpty() ? "" : ", the last " + received.get(received.size() - 1)) + (ended ? " (stream ended)" : ""));
  }

  /** Heartbeats and other comment lines received so far. */
  public int comments() {
    return comments.get();
  }

  /** Whether the server ended the stream or the connection. */
  public boolean ended() {
    return ended;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void read(InputStream in) {
    try {
      StringBuilder pending = new StringBuilder();
      String[] fields = new String[3];
      while (true) {
        String size = line(in);
        if (size == null) {
          break;
        }
        int length = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (length == 0) {
          break;
        }
        pending.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        line(in);
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
          String text = pending.substring(0, newline);
          pending.delete(0, newline + 1);
          field(text, fields);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the connection ended
    } finally {
      ended = true;
    }
  }

  private void field(String line, String[] fields) {
    if (line.isEmpty()) {
      if (fields[2] != null) {
        events.add(new Event(Long.parseLong(fields[0]), fields[1], new JsonObject(fields[2])));
      }
      fields[0] = fields[1] = fields[2] = null;
    } else if (line.startsWith(":")) {
      comments.incrementAndGet();
    } else if (line.startsWith("id: ")) {
      fields[0] = line.substring(4);
    } else if (line.startsWith("event: ")) {
      fields[1] = line.substring(7);
    } else if (line.startsWith("data: ")) {
      fields[2] = line.substring(6);
    }
  }

  private static String readBody(InputStream in, Map<String, String> head, boolean chunked) throws IOException {
    if (chunked) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (String size = line(in); size != null; size = line(in)) {
        int length = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (length == 0) {
          break;
        }
        body.write(in.readNBytes(length));
        line(in);
      }
      return body.toString(StandardCharsets.UTF_8);
    }
    int length = Integer.parseInt(head.getOrDefault("content-length", "0"));
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** One CRLF- or LF-terminated line, without its terminator; null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }
}
