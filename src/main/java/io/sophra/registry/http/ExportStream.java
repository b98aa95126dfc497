package io.sophra.registry.http;

import io.sophra.registry.alias.Alias;
import io.sophra.registry.alias.AliasJson;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelId;
import io.sophra.registry.model.ModelJson;
import io.sophra.registry.model.Timestamps;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a backup as NDJSON: one object per line, each saying what it is in {@code kind} — a
 * {@code header} (format and version), every model whole ({@code {"kind":"model","model":{...}}}, in id
 * order), every alias ({@code {"kind":"alias","alias":{...}}}), and an {@code end} line with the counts,
 * so a backup cut short is recognisable. Models are read one page at a time ({@link #PAGE}), the next
 * page only once the response has room again ({@code writeQueueFull}/{@code drainHandler}): a slow
 * client holds the export back instead of the export filling the node's memory. A page that fails
 * mid-stream (the 200 is sent by then) resets the connection, so the client sees a broken transfer,
 * never a short backup that looks whole.
 */
final class ExportStream {

  static final String FORMAT = "model-registry-export";
  static final int VERSION = 1;
  static final int PAGE = 500;
  private static final Logger LOG = LoggerFactory.getLogger(ExportStream.class);

  private final HttpServerResponse response;
  private final ModelRegistry registry;
  private final Caller caller;
  private final List<Alias> aliases;
  private long models;
  private boolean closed;

  ExportStream(HttpServerResponse response, ModelRegistry registry, Caller caller, List<Alias> aliases) {
    this.response = response;
    this.registry = registry;
    this.caller = caller;
    this.aliases = aliases;
  }

  void start() {
    response.closeHandler(ignored -> closed = true);
    write(new JsonObject().put("kind", "header").put("format", FORMAT).put("version", VERSION)
        .put("exportedAt", Timestamps.format(Instant.now())));
    next(Optional.empty());
  }

  private void next(Optional<ModelId> after) {
    if (closed) {
      return;
    }
    registry.exportModels(caller, after, PAGE)
        .onSuccess(page -> {
          for (ModelConfig model : page.items()) {
            write(new JsonObject().put("kind", "model").put("model", ModelJson.toJson(model)));
            models++;
          }
          if (page.nextAfter().isEmpty()) {
            finish();
          } else if (response.writeQueueFull()) {
            response.drainHandler(ignored -> next(page.nextAfter()));
          } else {
            next(page.nextAfter());
          }
        })
        .onFailure(failure -> {
          LOG.warn("Export stopped after {} models: {}", models, failure.toString());
          response.reset();
        });
  }

  private void finish() {
    aliases.forEach(alias -> write(new JsonObject().put("kind", "alias").put("alias", AliasJson.toJson(alias))));
    write(new JsonObject().put("kind", "end").put("models", models).put("aliases", aliases.size()));
    response.end();
  }

  private void write(JsonObject line) {
    if (!closed) {
      response.write(line.toBuffer().appendByte((byte) '\n'));
    }
  }
}
