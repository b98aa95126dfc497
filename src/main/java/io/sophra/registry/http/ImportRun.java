package io.sophra.registry.http;

import io.sophra.registry.alias.AliasRegistry;
import io.sophra.registry.failure.FieldError;
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
  private final ImportWrites writes;

  ImportRun(RoutingContext ctx, ModelRegistry registry, AliasRegistry aliases, RestoreMode mode, int maxBytes,
      int maxLineLength) {
    this.ctx = ctx;
    this.maxBytes = maxBytes;
    this.lines = new NdjsonLines(maxLineLength, pending::add);
    this.writes = new ImportWrites(registry, aliases, Callers.of(ctx), mode, summary);
  }

  /** Counts a write in flight (an alias holds back everything after it) until it is done; null: the line was invalid. */
  private void track(Future<Void> write, boolean alias) {
    if (write == null) {
      return;
    }
    inFlight++;
    aliasInFlight |= alias;
    write.onComplete(done -> {
      inFlight--;
      if (alias) {
        aliasInFlight = false;
      }
      pump();
    });
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
      track(writes.model(line, object), false);
    } else if ("alias".equals(kind)) {
      track(writes.alias(line, object), true);
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
