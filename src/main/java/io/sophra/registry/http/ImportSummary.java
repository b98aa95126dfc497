package io.sophra.registry.http;

import io.sophra.registry.failure.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What an import did, line by line: counts of models and aliases created, overwritten and skipped,
 * and the lines that were invalid (with their errors) or that the registry refused (registry full,
 * unavailable, in use by an alias, a variant not ready...). Each list keeps its first
 * {@value #MAX_REPORTED} entries, so the answer stays small whatever was sent; {@code truncated}
 * says when one was cut.
 */
final class ImportSummary {

  static final int MAX_REPORTED = 1000;

  private long lines;
  private long created;
  private long overwritten;
  private long skipped;
  private boolean complete;
  private boolean truncated;
  private final JsonArray invalid = new JsonArray();
  private final JsonArray failed = new JsonArray();
  private final JsonArray skippedIds = new JsonArray();

  void line() {
    lines++;
  }

  void addCreated() {
    created++;
  }

  void addOverwritten() {
    overwritten++;
  }

  void skipped(long line, String kind, String id) {
    skipped++;
    report(skippedIds, new JsonObject().put("line", line).put("kind", kind).put("id", id));
  }

  void invalid(long line, List<FieldError> errors) {
    JsonArray list = new JsonArray();
    errors.forEach(error -> list.add(new JsonObject().put("pointer", error.pointer()).put("message", error.message())));
    report(invalid, new JsonObject().put("line", line).put("errors", list));
  }

  void failed(long line, String kind, String id, HttpProblem problem) {
    report(failed, new JsonObject().put("line", line).put("kind", kind).put("id", id)
        .put("status", problem.status())
        .put("type", problem.type().map(ProblemType::uri).orElse(HttpProblem.ABOUT_BLANK))
        .put("detail", problem.getMessage()));
  }

  /** The export's last line was read: nothing after the models and aliases it announces was cut off. */
  void complete() {
    complete = true;
  }

  long createdSoFar() {
    return created;
  }

  long lines() {
    return lines;
  }

  private void report(JsonArray list, JsonObject entry) {
    if (list.size() < MAX_REPORTED) {
      list.add(entry);
    } else {
      truncated = true;
    }
  }

  JsonObject toJson() {
    return new JsonObject().put("lines", lines).put("created", created).put("overwritten", overwritten)
        .put("skipped", skipped).put("invalid", invalid).put("failed", failed).put("skippedIds", skippedIds)
        .put("complete", complete).put("truncated", truncated);
  }
}
