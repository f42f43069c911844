package io.krxtrader.krx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceLimitsTest {

  /** Recorded KIS and Naver values (kis/REFERENCE.md section 8). */
  @ParameterizedTest
  @CsvSource({"66000, 46200, 85800", "58800, 41200, 76400", "1000, 700, 1300", "3000, 2100, 3900"})
  void limits_are_thirty_percent_rounded_inward_to_the_grid(long base, long lower, long upper) {
    PriceLimits limits = PriceLimits.fromBase(base);
    assertThat(limits.lower()).isEqualTo(lower);
    assertThat(limits.upper()).isEqualTo(upper);
    assertThat(TickSize.isOnGrid(limits.lower())).isTrue();
    assertThat(TickSize.isOnGrid(limits.upper())).isTrue();
  }
}
