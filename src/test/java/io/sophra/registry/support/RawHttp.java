package io.sophra.registry.support;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes exactly as given over a plain socket and reads one HTTP/1.1 response back: for requests
 * an HTTP client refuses to send (bad percent-encoding, raw spaces and control bytes, broken framing).
 */
public final class RawHttp {

  private static final int READ_TIMEOUT_MILLIS = 15_000;

  private RawHttp() {
  }

  /**
   * What came back: a response, or {@code status} 0 when the server closed the connection without
   * one.
   *
   * @param headers names in lower case
   */
  public record Response(int status, Map<String, String> headers, String body) {

    public boolean answered() {
      return status > 0;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonObject json() {
      return new JsonObject(body);
    }

    @Override
    public String toString() {
      return answered() ? status + " " + headers + " " + body : "connection closed without a response";
    }
  }

  /** Sends {@code request} (ISO-8859-1, so every char is one byte) to 127.0.0.1:{@code port}. */
  public static Response exchange(int port, String request) {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  public static Response exchange(int port, byte[] request) {
    return exchange("127.0.0.1", port, request);
  }

  /** Sends {@code request} from the loopback address {@code localAddress} (any of 127.0.0.0/8 works on Linux). */
  public static Response exchange(String localAddress, int port, String request) {
    return exchange(localAddress, port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Response exchange(String localAddress, int port, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (SocketException e) {
        // the server may close before it has read everything (an oversized request): read what it said
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response read(InputStream in) throws IOException {
    String head;
    try {
      head = readHead(in);
    } catch (SocketException e) {
      return new Response(0, Map.of(), "");
    }
    if (head == null) {
      return new Response(0, Map.of(), "");
    }
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    if (status >= 100 && status < 200) {
      return read(in);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] body;
    if (status == 204 || status == 304) {
      body = new byte[0];
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = readChunked(in);
    } else {
      body = readToEnd(in);
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** The status line and headers, or null when the connection closed before any byte. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new IOException("connection closed inside the response head: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.length() - end.length);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
      if (size == 0) {
        line(in);
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    try {
      return in.readAllBytes();
    } catch (SocketTimeoutException | SocketException e) {
      return new byte[0];
    }
  }
}
