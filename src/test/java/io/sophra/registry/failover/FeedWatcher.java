package io.sophra.registry.failover;

import io.sophra.registry.support.SseStream;
import io.sophra.registry.support.SseStream.Event;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of {@code GET /v1/events} that never gives up: it follows the feed on one node, and when
 * that stream ends (its node died) reconnects through nginx with the last id it received, as a
 * browser's EventSource does, until closed. Everything it received, in arrival order.
 */
final class FeedWatcher implements AutoCloseable {

  private final int firstPort;
  private final int nginxPort;
  private final String authorization;
  private final List<Event> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger reconnects = new AtomicInteger();
  private final Thread thread = new Thread(this::follow, "feed-watcher");
  private volatile boolean closed;
  private volatile SseStream current;

  /** Opens the first stream on 127.0.0.1:{@code firstPort} from the feed's current end before answering. */
  FeedWatcher(int firstPort, int nginxPort, String token) {
    this.firstPort = firstPort;
    this.nginxPort = nginxPort;
    this.authorization = "Bearer " + token;
    current = SseStream.open(firstPort, "/v1/events", "Authorization", authorization);
    if (current.status() != 200) {
      throw new IllegalStateException("the first stream answered " + current.status());
    }
    thread.start();
  }

  List<Event> received() {
    return List.copyOf(received);
  }

  /** How often it had to reconnect through nginx. */
  int reconnects() {
    return reconnects.get();
  }

  /** Waits until an event about model {@code id} has arrived. */
  void awaitModel(String id, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (received.stream().noneMatch(event -> id.equals(event.data().getString("id")))) {
      if (System.nanoTime() > until) {
        throw new AssertionError("no event of '" + id + "' within " + timeout + "; received " + received.size());
      }
      Thread.sleep(50);
    }
  }

  private void follow() {
    while (!closed) {
      SseStream stream = current;
      while (!closed && !stream.ended()) {
        Event event = stream.next(Duration.ofMillis(200));
        if (event != null) {
          received.add(event);
        }
      }
      drain(stream);
      stream.close();
      while (!closed) {
        String lastId = received.isEmpty() ? "0" : String.valueOf(received.get(received.size() - 1).id());
        try {
          SseStream next = SseStream.open(nginxPort, "/v1/events", "Authorization", authorization,
              "Last-Event-ID", lastId);
          if (next.status() == 200) {
            reconnects.incrementAndGet();
            current = next;
            break;
          }
        } catch (UncheckedIOException e) {
          // nginx itself is unreachable for a moment: try again
        }
        pause();
      }
    }
  }

  private void drain(SseStream stream) {
    for (Event event = stream.next(Duration.ZERO); event != null; event = stream.next(Duration.ZERO)) {
      received.add(event);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    current.close();
    thread.join(5_000);
  }
}
