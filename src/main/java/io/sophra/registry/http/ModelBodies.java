package io.sophra.registry.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelJson;
import io.vertx.core.buffer.Buffer;

/**
 * The JSON body of each model revision, encoded once and sent as is by every read of it: exactly
 * {@code ModelJson.toJson(model).toBuffer()}, kept with the revision's ETag. Building a
 * {@code JsonObject} and encoding it again was most of what a {@code GET /v1/models/{id}} allocated.
 *
 * <p>One entry per model, keyed by its uid: a new revision replaces the previous one. An entry serves a
 * model only if it was made from that very object (what the Near Cache hands out on every hit, so the
 * usual check is one reference comparison) or from an equal one (a read that missed the Near Cache, a
 * write's answer); anything else is encoded afresh. So a body can never outlive its content, whatever
 * happened to the uid and revision (a backup edited by hand and imported, a merge after a split).
 *
 * <p>Bounded in bytes (Caffeine, W-TinyLFU: the models read often stay), by default a sixteenth of the
 * maximum heap; maintenance runs on the calling thread, never on {@code ForkJoinPool.commonPool()}.
 * Shared by every API verticle of the node.
 */
public final class ModelBodies {

  /** What a response needs of one revision: the model it was encoded from, its ETag and its body. */
  record Encoded(ModelConfig model, String etag, Buffer body) {
  }

  /** Per entry beyond the body: the entry, the record, the ETag string, the buffer's wrappers. */
  private static final int OVERHEAD_BYTES = 200;

  private final Cache<String, Encoded> bodies;

  ModelBodies(long maxBytes) {
    this.bodies = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String uid, Encoded encoded) -> encoded.body().length() + OVERHEAD_BYTES)
        .executor(Runnable::run)
        .build();
  }

  /** Holding up to a sixteenth of this JVM's maximum heap. */
  public static ModelBodies create() {
    return new ModelBodies(Runtime.getRuntime().maxMemory() / 16);
  }

  /** {@code model}'s ETag and body, encoded now or earlier from this model or an equal one. */
  Encoded of(ModelConfig model) {
    Encoded held = bodies.getIfPresent(model.uid());
    if (held != null && held.model() == model) {
      return held;
    }
    Encoded encoded = held != null && held.model().equals(model)
        ? new Encoded(model, held.etag(), held.body())
        : new Encoded(model, model.etag(), ModelJson.toJson(model).toBuffer());
    // the entry keeps the newest object, the one the Near Cache is likely to hand out next
    bodies.put(model.uid(), encoded);
    return encoded;
  }
}
