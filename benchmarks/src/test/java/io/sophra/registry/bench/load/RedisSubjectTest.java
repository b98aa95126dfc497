package io.sophra.registry.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sophra.registry.bench.http.HttpTarget;
import io.sophra.registry.bench.support.Await;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs only where redis-server is installed (the load run then SKIPs Redis, as this test does). */
class RedisSubjectTest {

  @Test
  void storesOneKilobyteValuesAnswersTheirGetsAndStopsItsServer() throws Exception {
    Optional<Path> binary = RedisSubject.find(Optional.empty());
    assumeTrue(binary.isPresent(), "redis-server is not installed");
    Vertx vertx = Vertx.vertx();
    Path log = Files.createTempFile("redis", ".log");
    try {
      Context context = vertx.getOrCreateContext();
      RedisSubject redis = RedisSubject.start(binary.get(), context, 2, 16, log);
      int port;
      try {
        assertEquals(16, redis.keys().size());
        Requests gets = redis.requests(redis.keys().subList(0, 16).toArray(String[]::new));
        for (int i = 0; i < 16; i++) {
          assertTrue(Await.result(HttpTarget.on(context, gets::next), 10), "GET of a stored key answers 1 KB");
        }
        Requests missing = redis.requests(new String[] {"no-such-key"});
        assertFalse(Await.result(HttpTarget.on(context, missing::next), 10), "a missing key is not the expected answer");
        port = redis.port();
      } finally {
        redis.close();
      }
      assertThrows(IOException.class, () -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
      }, "redis-server is stopped once closed");
    } finally {
      Await.result(vertx.close(), 10);
      Files.deleteIfExists(log);
    }
  }
}
