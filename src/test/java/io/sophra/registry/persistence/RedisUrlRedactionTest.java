package io.sophra.registry.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A Redis URL in a log line or start-up error never shows its password, whatever its form")
class RedisUrlRedactionTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "redis://:s3cret@localhost:6379/0",
      "redis://user:s3cret@localhost:6379",
      "redis://s3cret@localhost",
      "rediss://user:s3cret@[::1]:6380/2",
      "redis://:s3cret",
      "redis://:s3cret/0",
      "redis://user:s3cret",
      "redis://user:s3cret/3",
      "redis://:s3cret@",
      "redis://:s3cret:extra@host",
      "redis://:pa/s3cret@localhost",
      "redis://:pa?s3cret@localhost",
      "redis://:pa#s3cret@localhost",
      "redis://localhost:6379?password=s3cret",
      "redis://localhost:6379/0?password=s3cret&timeout=5s",
      "redis://localhost:6379#s3cret",
      "redis://localhost/s3cret",
      "redis://localhost:6379/0/s3cret",
      "redis:s3cret@localhost",
      "redis:/:s3cret@localhost",
      ":s3cret@localhost:6379",
      "s3cret@localhost",
      "localhost:s3cret",
      "REDIS://:s3cret@localhost",
      "redis://%3As3cret@localhost",
      "redis://:s3cret%40x@localhost",
      "http://:s3cret@localhost"})
  @DisplayName("The password is in neither the redacted URL nor the reason a URL is refused")
  void passwordNeverShown(String url) {
    assertThat(RedisEndpoint.redact(url)).doesNotContain("s3cret");
    try {
      RedisEndpoint.parse(url, Duration.ofSeconds(1));
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain("s3cret");
    }
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      "redis://localhost:6379, redis://localhost:6379",
      "redis://localhost:6379/3, redis://localhost:6379/3",
      "rediss://10.0.0.5:6380/, rediss://10.0.0.5:6380/",
      "redis://[::1]:6379/0, redis://[::1]:6379/0",
      "redis://:s3cret@localhost:6379/0, redis://***@localhost:6379/0",
      "redis://:s3cret, redis://***",
      "redis://:s3cret/0, redis://***/0",
      "redis://user:s3cret, redis://***",
      "redis://localhost:6379?password=s3cret, redis://localhost:6379?***",
      "redis://localhost/s3cret, redis://localhost/***"})
  @DisplayName("What cannot hold a secret stays readable: scheme, host, port and database")
  void readableParts(String url, String redacted) {
    assertThat(RedisEndpoint.redact(url)).isEqualTo(redacted);
  }
}
