package io.sophra.registry.bench.support;

import com.hazelcast.core.HazelcastInstance;
import io.sophra.registry.registry.ModelRegistry;
import io.vertx.core.Vertx;
import java.util.List;

/** A clustered Vert.x with the registry's store over its Hazelcast member, and no HTTP API. */
public record GridMember(Vertx vertx, HazelcastInstance hazelcast, ModelRegistry registry) {

  public static void stop(List<GridMember> members) {
    if (members != null) {
      members.forEach(member -> Await.result(member.vertx().close(), 60));
    }
  }
}
