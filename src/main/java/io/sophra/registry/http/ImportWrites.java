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
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The writes of one import ({@link ImportRun}): a {@code model} or {@code alias} line read and restored
 * through the registry, its outcome counted in the {@link ImportSummary}. Each method answers null when
 * the line was invalid (already counted), otherwise a Future that completes, never failed, once the
 * outcome is counted.
 */
final class ImportWrites {

  private final ModelRegistry registry;
  private final AliasRegistry aliases;
  private final Caller caller;
  private final RestoreMode mode;
  private final ImportSummary summary;

  ImportWrites(ModelRegistry registry, AliasRegistry aliases, Caller caller, RestoreMode mode, ImportSummary summary) {
    this.registry = registry;
    this.aliases = aliases;
    this.caller = caller;
    this.mode = mode;
    this.summary = summary;
  }

  Future<Void> model(NdjsonLines.Line line, JsonObject object) {
    ModelConfig model;
    try {
      model = ModelBackupJson.read(objectAt(object, "model"), "/model");
    } catch (InvalidModelException e) {
      summary.invalid(line.number(), e.errors());
      return null;
    }
    return counted(registry.restoreModel(caller, model, mode), line, "model", model.id(), change -> {
      if (change.type() == Change.Type.REGISTERED) {
        summary.addCreated();
      } else if (change.changedAnything()) {
        summary.addOverwritten();
      } else {
        summary.skipped(line.number(), "model", model.id());
      }
    });
  }

  Future<Void> alias(NdjsonLines.Line line, JsonObject object) {
    AliasName name;
    AliasDraft draft;
    try {
      JsonObject json = objectAt(object, "alias");
      name = AliasName.of("/alias/name", json.getValue("name") instanceof String text ? text : "");
      draft = AliasJson.readDraft(name, json);
    } catch (InvalidModelException e) {
      summary.invalid(line.number(), e.errors().stream()
          .map(error -> error.pointer().startsWith("/alias") ? error
              : new FieldError("/alias" + error.pointer(), error.message())).toList());
      return null;
    }
    Preconditions conditions = mode == RestoreMode.OVERWRITE ? Preconditions.none()
        : new Preconditions(Optional.empty(), Optional.of("*"));
    Future<AliasChange> put = aliases.putAlias(caller, name, draft, conditions)
        .recover(failure -> mode == RestoreMode.SKIP && failure instanceof RegistryException.RevisionMismatch
            ? Future.succeededFuture(null) : Future.failedFuture(failure));
    return counted(put, line, "alias", name.value(), change -> {
      if (change == null || !change.changedAnything()) {
        summary.skipped(line.number(), "alias", name.value());
      } else if (change.type() == AliasChange.Type.CREATED) {
        summary.addCreated();
      } else {
        summary.addOverwritten();
      }
    });
  }

  private <T> Future<Void> counted(Future<T> write, NdjsonLines.Line line, String kind, String id, Consumer<T> done) {
    return write.transform(result -> {
      if (result.succeeded()) {
        done.accept(result.result());
      } else {
        summary.failed(line.number(), kind, id, Problems.toProblem(result.cause(), 500));
      }
      return Future.succeededFuture();
    });
  }

  private static JsonObject objectAt(JsonObject line, String field) {
    if (line.getValue(field) instanceof JsonObject object) {
      return object;
    }
    throw new InvalidModelException("/" + field, "must be a JSON object");
  }
}
