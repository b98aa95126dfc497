package io.sophra.registry.config;

import java.time.Duration;
import java.util.List;

/**
 * The change feed: how many changes the cluster's change log keeps, and how its Server-Sent Events
 * streams ({@code GET /v1/events}) behave.
 *
 * @param retention changes the log keeps (the oldest go first); a reader further behind gets 410
 * @param heartbeat how often an idle stream sends a comment line, so proxies keep it open
 * @param maxBacklog bytes a stream may have waiting for a client that does not read before it is closed
 */
public record FeedSettings(int retention, Duration heartbeat, int maxBacklog) {

  public static final Setting RETENTION = new Setting("MODEL_REGISTRY_FEED_RETENTION", "feed.retention",
      "changes the change log keeps in the grid (the oldest go first; about 320 bytes of heap per model change and copy);"
          + " a reader further behind gets 410");
  public static final Setting HEARTBEAT = new Setting("MODEL_REGISTRY_FEED_HEARTBEAT", "feed.heartbeat",
      "how often a `GET /v1/events` stream sends a comment line, so proxies keep it open (100ms to 1h)");
  public static final Setting MAX_BACKLOG = new Setting("MODEL_REGISTRY_FEED_MAX_BACKLOG", "feed.maxBacklog",
      "bytes a `GET /v1/events` stream may have queued for a client that does not read; past it the stream"
          + " is closed (the client resumes with `Last-Event-ID`)");
  static final List<Setting> SETTINGS = List.of(RETENTION, HEARTBEAT, MAX_BACKLOG);

  static FeedSettings read(SettingsSource source) {
    return new FeedSettings(source.integer(RETENTION, 10, 10_000_000),
        source.duration(HEARTBEAT, Duration.ofMillis(100), Duration.ofHours(1)),
        source.integer(MAX_BACKLOG, 1024, 256 * 1024 * 1024));
  }
}
