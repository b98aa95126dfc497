package io.sophra.registry.bench.load;

import io.sophra.registry.bench.http.BareServer;
import io.sophra.registry.bench.http.CapturedResponse;
import io.sophra.registry.bench.http.HttpTarget;
import io.sophra.registry.bench.support.Await;
import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The load run's bare servers ({@link BareServer}), each started in a {@link ServerProcess} of its own
 * with what the registry answered, captured over the load client's own connections. Each method returns
 * the process as soon as it is started: the caller registers it for stopping, then awaits its port.
 */
final class BareProcesses {

  private BareProcesses() {
  }

  /** The bare server answering what the registry answers to {@code path}, each request first costing {@code workNanos}. */
  static ChildProcess oneResponse(Context context, HttpClient client, HttpTarget registry, String path,
      int instances, long workNanos) throws IOException {
    CapturedResponse captured = Await.result(HttpTarget.on(context,
        () -> CapturedResponse.capture(client, registry, path)), 30);
    return ChildProcess.java("bare", List.of("bare", written("bare-response", captured.toJson()),
        String.valueOf(instances), String.valueOf(workNanos)));
  }

  /** The bare server answering each of {@code paths} with what the registry answers to it: each model's own bytes. */
  static ChildProcess perModel(Context context, HttpClient client, HttpTarget registry, String[] paths,
      int instances) throws IOException {
    Map<String, CapturedResponse> captured = Await.result(HttpTarget.on(context,
        () -> CapturedResponse.captureEach(client, registry, new LinkedHashSet<>(Arrays.asList(paths)))), 120);
    return ChildProcess.java("bare-per-path", List.of("bare-per-path",
        written("bare-responses", CapturedResponse.toJson(captured)), String.valueOf(instances)));
  }

  private static String written(String prefix, JsonObject json) throws IOException {
    Path file = Files.createTempFile(prefix, ".json");
    file.toFile().deleteOnExit();
    Files.writeString(file, json.encode());
    return file.toString();
  }
}
