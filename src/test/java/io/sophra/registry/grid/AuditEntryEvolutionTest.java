package io.sophra.registry.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.security.AuditId;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.TestNodes;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An audit entry as the registry wrote it before entries had a {@code requestId} — the same Compact
 * type name with the earlier schema, written as a GenericRecord — reads back through the API, with no
 * request id, next to entries of the current schema.
 */
@DisplayName("Audit entries written before the request id was recorded still read")
class AuditEntryEvolutionTest {

  @Test
  @DisplayName("An entry of the earlier schema (no requestId field) is served with requestId null")
  void earlierSchemaReads() {
    RegistryNode node = TestNodes.single();
    try {
      Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      AuditId id = AuditId.of(at, 42);
      GenericRecord earlier = GenericRecordBuilder.compact(AuditEntrySerializer.TYPE_NAME)
          .setString("id", id.text())
          .setInt64("at", at.toEpochMilli())
          .setString("actor", "old-release")
          .setArrayOfString("roles", new String[] {"admin"})
          .setString("action", "register")
          .setString("modelId", "evolved-model")
          .setString("uid", "uid-1")
          .setInt64("revision", 1)
          .setString("changes", "[]")
          .build();
      IMap<String, Object> audit = node.hazelcast().getMap(GridAuditLog.MAP_NAME);
      audit.set(id.text(), earlier);

      Http http = TestNodes.http(node);
      String model = "{\"id\":\"evolved-model-2\",\"baseModel\":\"b\",\"version\":\"1\"}";
      assertThat(http.post("/v1/models", model, "X-Request-Id", "now-recorded").status()).isEqualTo(201);

      JsonObject old = http.get("/v1/models/evolved-model/history").json().getJsonArray("items").getJsonObject(0);
      assertThat(old.getString("actor")).isEqualTo("old-release");
      assertThat(old.containsKey("requestId")).isTrue();
      assertThat(old.getString("requestId")).isNull();
      JsonObject current = http.get("/v1/models/evolved-model-2/history").json().getJsonArray("items").getJsonObject(0);
      assertThat(current.getString("requestId")).isEqualTo("now-recorded");
    } finally {
      TestNodes.stop(node);
    }
  }
}
