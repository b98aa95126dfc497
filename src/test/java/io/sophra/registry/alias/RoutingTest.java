package io.sophra.registry.alias;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.model.ModelId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The routing rule is the documented one")
class RoutingTest {

  private static List<Variant> variants(int... weights) {
    return java.util.stream.IntStream.range(0, weights.length)
        .mapToObj(i -> new Variant(new ModelId("m" + i), weights[i])).toList();
  }

  @ParameterizedTest(name = "\"{0}:{1}\" → bucket {2}, spare {3}")
  @CsvSource(delimiter = '|', value = {
      // computed with Python's hashlib: int.from_bytes(sha256((salt + ":" + subject).encode()).digest()[0:4], "big") % 100
      "search-ranker|user-1|22|254187184",
      "search-ranker|user-2|88|2685390228",
      "search-ranker|user-42|45|3887445225",
      "search-ranker|alice@example.com|68|198167038",
      "search-ranker|Zoë|70|1908604841",
      "search-ranker|日本語|59|3492312472",
      "checkout-v2|user-1|86|694372440",
      "checkout-v2|session:9f2c|45|466993337"})
  @DisplayName("A subject's bucket and spare are those of the fixed table computed by another language")
  void fixedTable(String salt, String subject, int bucket, long spare) {
    Routing.Draw draw = Routing.draw(salt, subject);
    assertThat(draw.bucket()).isEqualTo(bucket);
    assertThat(draw.spare()).isEqualTo(spare);
    assertThat(draw.random()).isFalse();
  }

  @Test
  @DisplayName("The bucket is the first four bytes of SHA-256(salt:subject), unsigned, mod 100, for any subject")
  void sameAsTheDocumentedFormula() throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < 2000; i++) {
      String subject = UUID.randomUUID().toString();
      byte[] d = sha256.digest(("salt-x:" + subject).getBytes(StandardCharsets.UTF_8));
      long first = Integer.toUnsignedLong(((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff));
      assertThat(Routing.draw("salt-x", subject).bucket()).isEqualTo((int) (first % 100));
    }
  }

  @Test
  @DisplayName("Variants take consecutive bucket ranges in declared order; a weight of 0 owns none")
  void layout() {
    List<Variant> variants = variants(90, 0, 10);
    boolean[] none = new boolean[3];
    for (int bucket = 0; bucket < 100; bucket++) {
      Routing.Choice choice = Routing.choose(variants, none, new Routing.Draw(bucket, 7, false)).orElseThrow();
      assertThat(choice.index()).as("bucket " + bucket).isEqualTo(bucket < 90 ? 0 : 2);
      assertThat(choice.reason()).isEqualTo(Routing.Reason.BUCKET);
    }
  }

  @Test
  @DisplayName("A skipped variant's subjects are placed by their spare over the others in proportion; no other subject moves")
  void fallback() {
    List<Variant> variants = variants(50, 30, 20);
    boolean[] skipFirst = {true, false, false};
    int[] counts = new int[3];
    for (int i = 0; i < 100_000; i++) {
      Routing.Draw draw = Routing.draw("s", "subject-" + i);
      Routing.Choice choice = Routing.choose(variants, skipFirst, draw).orElseThrow();
      int owner = Routing.owner(variants, draw);
      if (owner != 0) {
        assertThat(choice.index()).isEqualTo(owner);
        assertThat(choice.reason()).isEqualTo(Routing.Reason.BUCKET);
      } else {
        assertThat(choice.reason()).isEqualTo(Routing.Reason.FALLBACK);
        assertThat(choice.index()).isEqualTo(draw.spare() % 50 < 30 ? 1 : 2);
      }
      counts[choice.index()]++;
    }
    assertThat(counts[0]).isZero();
    assertThat(counts[1] / 100_000.0).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
    assertThat(counts[2] / 100_000.0).isCloseTo(0.4, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  @DisplayName("With every weighted variant skipped there is nothing to route to")
  void nothingLeft() {
    assertThat(Routing.choose(variants(100, 0), new boolean[] {true, false}, new Routing.Draw(5, 5, false))).isEmpty();
  }
}
