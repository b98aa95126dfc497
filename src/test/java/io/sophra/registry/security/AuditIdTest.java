package io.sophra.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditIdTest {

  @Test
  void textIsZeroPaddedToFixedWidth() {
    assertThat(new AuditId(0, 0).text()).isEqualTo("0000000000000-0000000000000000000");
    assertThat(new AuditId(1732924800123L, 482748120381440001L).text())
        .isEqualTo("1732924800123-0482748120381440001");
    assertThat(new AuditId(9_999_999_999_999L, Long.MAX_VALUE).text())
        .isEqualTo("9999999999999-" + Long.MAX_VALUE);
  }

  @Test
  void textAgreesWithTheFormattedFormForManyValues() {
    long millis = 1;
    long unique = 7;
    for (int i = 0; i < 2_000; i++) {
      AuditId id = new AuditId(Math.floorMod(millis, 10_000_000_000_000L), unique & Long.MAX_VALUE);
      assertThat(id.text()).isEqualTo(String.format(Locale.ROOT, "%013d-%019d", id.atMillis(), id.unique()));
      assertThat(AuditId.parse(id.text())).contains(id);
      millis = millis * 31 + i;
      unique = unique * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L;
    }
  }

  @Test
  void parseRefusesAnythingButTheWrittenForm() {
    assertThat(AuditId.parse("")).isEmpty();
    assertThat(AuditId.parse("1732924800123-482748120381440001")).isEmpty();
    assertThat(AuditId.parse("1732924800123_0482748120381440001")).isEmpty();
    assertThat(AuditId.parse("1732924800123-04827481203814400011")).isEmpty();
    assertThat(AuditId.parse("+732924800123-0482748120381440001")).isEmpty();
    assertThat(AuditId.parse("1732924800123-048274812038144000\u0661")).as("an Arabic-Indic digit").isEmpty();
    assertThat(AuditId.parse("1732924800123-9999999999999999999")).as("beyond a long").isEmpty();
    assertThat(AuditId.parse("1732924800123-0482748120381440001"))
        .isEqualTo(Optional.of(new AuditId(1732924800123L, 482748120381440001L)));
  }

  @Test
  void textOrderIsEntryOrder() {
    AuditId earlier = new AuditId(1_000, Long.MAX_VALUE);
    AuditId later = new AuditId(1_001, 0);
    assertThat(earlier.text().compareTo(later.text())).isNegative();
    assertThat(earlier.compareTo(later)).isNegative();
  }

  @Test
  void firstAtBoundsAMillisecondAsText() {
    AuditId first = AuditId.firstAt(1_000);
    assertThat(first.text().compareTo(new AuditId(1_000, 0).text())).isZero();
    assertThat(first.text().compareTo(new AuditId(1_000, Long.MAX_VALUE).text())).isNegative();
    assertThat(first.text().compareTo(new AuditId(999, Long.MAX_VALUE).text())).isPositive();
    assertThat(AuditId.firstAt(-5)).isEqualTo(new AuditId(0, 0));
    assertThat(AuditId.firstAt(Long.MAX_VALUE)).isEqualTo(new AuditId(9_999_999_999_999L, 0));
  }
}
