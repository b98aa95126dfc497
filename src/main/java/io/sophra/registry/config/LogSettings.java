package io.sophra.registry.config;

import java.util.List;

/**
 * The node's log lines: their format, and the access log of HTTP requests.
 *
 * @param format {@code text} or {@code json} (one JSON object per line)
 * @param accessLog whether every HTTP request gets one line on the {@code access} logger
 * @param accessLogProbes whether requests of {@code /health/*} and {@code /metrics} get one too
 */
public record LogSettings(Format format, boolean accessLog, boolean accessLogProbes) {

  /** How log lines look; the audit lines are JSON in both. */
  public enum Format { TEXT, JSON }

  public static final Setting FORMAT = new Setting("MODEL_REGISTRY_LOG_FORMAT", "logging.format",
      "`text`, or `json`: one JSON object per line (logstash-logback-encoder) with the request id as `requestId`");
  public static final Setting ACCESS_LOG = new Setting("MODEL_REGISTRY_ACCESS_LOG", "logging.accessLog",
      "`true`: one line per HTTP request on the `access` logger (method, route, status, latency, bytes,"
          + " request id, actor); `false`: none");
  public static final Setting ACCESS_LOG_PROBES = new Setting("MODEL_REGISTRY_ACCESS_LOG_PROBES",
      "logging.accessLogProbes", "`true`: requests of `/health/live`, `/health/ready` and `/metrics` get access"
          + " lines too");
  static final List<Setting> SETTINGS = List.of(FORMAT, ACCESS_LOG, ACCESS_LOG_PROBES);

  static LogSettings read(SettingsSource source) {
    return new LogSettings(source.choice(FORMAT, Format.class), source.bool(ACCESS_LOG),
        source.bool(ACCESS_LOG_PROBES));
  }
}
