package io.sophra.registry.support;

import com.hazelcast.map.IMap;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelJson;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every model as each side holds it, id → full JSON form, for comparing the grid with Redis key for key. */
public final class ModelStores {

  public static final String REDIS_PREFIX = "model-registry:model:";

  private ModelStores() {
  }

  /** The models the grid holds, read through the node's Hazelcast member (not through the registry). */
  public static Map<String, JsonObject> grid(RegistryNode node) {
    IMap<String, ModelConfig> models = node.hazelcast().getMap("models");
    Map<String, JsonObject> result = new TreeMap<>();
    models.entrySet().forEach(entry -> result.put(entry.getKey(), ModelJson.toJson(entry.getValue())));
    return result;
  }

  /** The models Redis holds under the registry's key prefix, read with a plain client. */
  public static Map<String, JsonObject> redis(RedisCommands<String, String> commands) {
    List<String> keys = new ArrayList<>();
    ScanArgs match = ScanArgs.Builder.matches(REDIS_PREFIX + "*").limit(1000);
    KeyScanCursor<String> cursor = commands.scan(match);
    keys.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = commands.scan(cursor, match);
      keys.addAll(cursor.getKeys());
    }
    Map<String, JsonObject> result = new TreeMap<>();
    for (int from = 0; from < keys.size(); from += 500) {
      List<String> batch = keys.subList(from, Math.min(keys.size(), from + 500));
      commands.mget(batch.toArray(String[]::new)).forEach(value -> {
        if (value.hasValue()) {
          result.put(value.getKey().substring(REDIS_PREFIX.length()), new JsonObject(value.getValue()));
        }
      });
    }
    return result;
  }
}
