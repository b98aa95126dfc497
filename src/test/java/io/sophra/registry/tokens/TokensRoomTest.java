package io.sophra.registry.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Token code lives in one room: tokens needs nothing of http, http only reads the header and asks")
class TokensRoomTest {

  private static final Path MAIN = Path.of("src", "main", "java", "io", "sophra", "registry");

  private static List<String> sources(String room) throws IOException {
    try (Stream<Path> files = Files.list(MAIN.resolve(room))) {
      return files.filter(file -> file.toString().endsWith(".java")).map(file -> {
        try {
          return Files.readString(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).toList();
    }
  }

  @Test
  @DisplayName("No class of tokens imports http; no class of http touches vertx-auth-jwt or the claims")
  void oneRoom() throws IOException {
    assertThat(sources("tokens")).isNotEmpty().noneMatch(source -> source.contains("import io.sophra.registry.http."));
    assertThat(sources("http")).noneMatch(source -> source.contains("io.vertx.ext.auth"))
        .noneMatch(source -> source.contains("getJsonObject(\"accessToken\")"));
  }
}
