package io.krxtrader.krx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SymbolTest {

  @Test
  void six_upper_case_letters_or_digits_are_a_symbol() {
    assertThat(Symbol.of("005930").code()).isEqualTo("005930");
    assertThat(Symbol.isValid("0096B0")).isTrue();
    assertThat(Symbol.isValid("00680K")).isTrue();
  }

  @Test
  void anything_else_is_refused_with_the_value_in_the_message() {
    for (String bad : new String[] {"5930", "0059300", "00593a", "", " 05930"}) {
      assertThat(Symbol.isValid(bad)).as(bad).isFalse();
    }
    assertThatThrownBy(() -> Symbol.of("5930")).hasMessageContaining("[symbol=5930]");
  }
}
