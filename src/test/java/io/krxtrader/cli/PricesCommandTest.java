package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PricesCommandTest {

  @Test
  void ages_read_at_a_glance() {
    assertThat(PricesCommand.age(Duration.ofMillis(340))).isEqualTo("0.3 s");
    assertThat(PricesCommand.age(Duration.ofMillis(-5))).isEqualTo("0.0 s");
    assertThat(PricesCommand.age(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(PricesCommand.age(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(PricesCommand.age(Duration.ofHours(3))).isEqualTo("3 h");
    assertThat(PricesCommand.age(Duration.ofDays(9))).isEqualTo("9 d");
  }
}
