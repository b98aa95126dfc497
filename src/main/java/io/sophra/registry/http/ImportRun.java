package io.sophra.registry.http;

import io.sophra.registry.alias.AliasChange;
import io.sophra.registry.alias.AliasDraft;
import io.sophra.registry.alias.AliasJson;
import io.sophra.registry.alias.AliasName;
import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.alias.Preconditions;
import io.sophra.registry.failure.FieldError;
import io.sophra.registry.failure.InvalidModelException;
import io.sophra.registry.failure.RegistryException;
import io.sophra.registry.model.ModelBackupJson;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.registry.Caller;
import io.sophra.registry.registry.Change;
import io.sophra.registry.registry.ModelRegistry;
import io.sophra.registry.registry.RestoreMode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code POST /v1/import}: the body is read as a stream and split into lines ({@link NdjsonLines});
 * each line is checked and, when valid, restored through the registry (so it is permission-checked,
 * audited, published and counted against the cap like any write), up to {@value #WINDOW} models at a
 * time. The request is paused while more than {@value #HIGH} lines wait, so the body is never held
 * whole. Aliases wait until every model before them is done (they must find their models), then go
 * one at a time. The answer, once the last line is done, is the {@link ImportSummary}. A body past
 * {@code MODEL_REGISTRY_IMPORT_MAX_SIZE} stops the import with 413; the lines before it stay imported.
 */
final class ImportRun {

  static final int WINDOW = 8;
  private static final int HIGH = 256;
  private static final int LOW = 32;

  private final RoutingContext ctx;
  private final ModelRegistry registry;
  private final AliasRegistry aliases;
  private final Caller caller;
  private final RestoreMode mode;
  private final long maxBytes;
  private final NdjsonLines lines;
  private final Deque<NdjsonLines.Line> pending = new ArrayDeque<>();
  private final ImportSummary summary = new ImportSummary();
  private long bytes;
  private int inFlight;
  private boolean aliasInFlight;
  private boolean paused;
  private boolean ended;
  private boolean finished;
  private NdjsonLines.Line peeked;
  private boolean peekedAlias;

  ImportRun(RoutingContext ctx, ModelRegistry registry, AliasRegistry aliases, RestoreMode mode, int maxBytes,
      int maxLineLength) {
    this.ctx = ctx;
    this.registry = registry;
    this.aliases = aliases;
    this.caller = Callers.of(ctx);
    this.mode = mode;
    this.maxBytes = maxBytes;
    this.lines = new NdjsonLines(maxLineLength, pending::add);
  }

  void start() {
    HttpServerRequest request = ctx.request();
    request.handler(this::chunk);
    request.endHandler(ignored -> {
      lines.end();
      ended = true;
      pump();
    });
    request.exceptionHandler(failure -> stop(failure));
    if (request.version() != io.vertx.core.http.HttpVersion.HTTP_1_0
        && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
      ctx.response().writeContinue();
    }
    request.resume();
  }

  private void chunk(Buffer chunk) {
    if (finished) {
      return;
    }
    bytes += chunk.length();
    if (bytes > maxBytes) {
      stop(new HttpProblem(ProblemType.PAYLOAD_TOO_LARGE, "the import is larger than MODEL_REGISTRY_IMPORT_MAX_SIZE ("
          + maxBytes + " bytes); it stopped there, after " + summary.lines() + " lines (" + summary.createdSoFar()
          + " models or aliases created, which stay)", List.of(), Map.of("Connection", "close")));
      return;
    }
    lines.feed(chunk);
    if (pending.size() > HIGH && !paused) {
      paused = true;
      ctx.request().pause();
    }
    pump();
  }

  private void pump() {
    while (!finished && !pending.isEmpty() && mayStart(pending.peek())) {
      process(pending.poll());
    }
    if (paused && pending.size() < LOW && !finished) {
      paused = false;
      ctx.request().resume();
    }
    if (ended && pending.isEmpty() && inFlight == 0 && !finished) {
      finished = true;
      ctx.response().putHeader("Content-Type", Requests.JSON).end(summary.toJson().toBuffer());
    }
  }

  /** Models run {@value #WINDOW} at a time; an alias only once nothing before it is still running. */
  private boolean mayStart(NdjsonLines.Line line) {
    if (aliasInFlight) {
      return false;
    }
    return isAlias(line) ? inFlight == 0 : inFlight < WINDOW;
  }

  /** Whether the line waiting first is an alias; parsed once however often it is looked at. */
  private boolean isAlias(NdjsonLines.Line line) {
    if (line != peeked) {
      peeked = line;
      peekedAlias = !line.tooLong() && "alias".equals(kindOf(line));
    }
    return peekedAlias;
  }

  private static String kindOf(NdjsonLines.Line line) {
    try {
      return new JsonObject(line.text()).getValue("kind") instanceof String kind ? kind : null;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private void process(NdjsonLines.Line line) {
    summary.line();
    if (line.tooLong()) {
      invalid(line, "/", "is longer than the longest line an import takes (MODEL_REGISTRY_MAX_BODY_SIZE + 4 KiB)");
      return;
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(line.text());
    } catch (DecodeException e) {
      invalid(line, "/", "is not well-formed JSON");
      return;
    }
    if (!(parsed instanceof JsonObject object)) {
      invalid(line, "/", "must be a JSON object");
      return;
    }
    Object kind = object.getValue("kind");
    if ("model".equals(kind)) {
      restoreModel(line, object);
    } else if ("alias".equals(kind)) {
      restoreAlias(line, object);
    } else if ("header".equals(kind)) {
      checkHeader(line, object);
    } else if ("end".equals(kind)) {
      summary.complete();
    } else {
      invalid(line, "/kind", "must be one of header, model, alias, end");
    }
  }

  private void checkHeader(NdjsonLines.Line line, JsonObject header) {
    if (!ExportStream.FORMAT.equals(header.getValue("format"))
        || !Integer.valueOf(ExportStream.VERSION).equals(header.getValue("version"))) {
      invalid(line, "/version", "this registry reads format '" + ExportStream.FORMAT + "' version "
          + ExportStream.VERSION);
    }
  }

  private void restoreModel(NdjsonLines.Line line, JsonObject object) {
    ModelConfig model;
    try {
      model = ModelBackupJson.read(objectAt(object, "model"), "/model");
    } catch (InvalidModelException e) {
      summary.invalid(line.number(), e.errors());
      return;
    }
    inFlight++;
    track(registry.restoreModel(caller, model, mode), line, "model", model.id(), change -> {
      if (change.type() == Change.Type.REGISTERED) {
        summary.addCreated();
      } else if (change.changedAnything()) {
        summary.addOverwritten();
      } else {
        summary.skipped(line.number(), "model", model.id());
      }
    }, false);
  }

  private void restoreAlias(NdjsonLines.Line line, JsonObject object) {
    JsonObject json;
    AliasName name;
    AliasDraft draft;
    try {
      json = objectAt(object, "alias");
      name = AliasName.of("/alias/name", json.getValue("name") instanceof String text ? text : "");
      draft = AliasJson.readDraft(name, json);
    } catch (InvalidModelException e) {
      summary.invalid(line.number(), e.errors().stream()
          .map(error -> error.pointer().startsWith("/alias") ? error
              : new FieldError("/alias" + error.pointer(), error.message())).toList());
      return;
    }
    Preconditions conditions = mode == RestoreMode.OVERWRITE ? Preconditions.none()
        : new Preconditions(Optional.empty(), Optional.of("*"));
    inFlight++;
    aliasInFlight = true;
    Future<AliasChange> put = aliases.putAlias(caller, name, draft, conditions);
    track(put.recover(failure -> mode == RestoreMode.SKIP && failure instanceof RegistryException.RevisionMismatch
        ? Future.succeededFuture(null) : Future.failedFuture(failure)), line, "alias", name.value(), change -> {
          if (change == null || !change.changedAnything()) {
            summary.skipped(line.number(), "alias", name.value());
          } else if (change.type() == AliasChange.Type.CREATED) {
            summary.addCreated();
          } else {
            summary.addOverwritten();
          }
        }, true);
  }

  private <T> void track(Future<T> write, NdjsonLines.Line line, String kind, String id,
      java.util.function.Consumer<T> done, boolean alias) {
    write.onComplete(result -> {
      inFlight--;
      if (alias) {
        aliasInFlight = false;
      }
      if (result.succeeded()) {
        done.accept(result.result());
      } else {
        summary.failed(line.number(), kind, id, Problems.toProblem(result.cause(), 500));
      }
      pump();
    });
  }

  private static JsonObject objectAt(JsonObject line, String field) {
    if (line.getValue(field) instanceof JsonObject object) {
      return object;
    }
    throw new InvalidModelException("/" + field, "must be a JSON object");
  }

  private void invalid(NdjsonLines.Line line, String pointer, String message) {
    summary.invalid(line.number(), List.of(new FieldError(pointer, message)));
  }

  private void stop(Throwable failure) {
    if (!finished) {
      finished = true;
      ctx.fail(failure);
    }
  }
}
