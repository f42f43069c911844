package io.krxtrader.krx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TickSizeTest {

  @ParameterizedTest
  @CsvSource({
    "1, 1",
    "1999, 1",
    "2000, 5",
    "4995, 5",
    "5000, 10",
    "19990, 10",
    "20000, 50",
    "49950, 50",
    "50000, 100",
    "199900, 100",
    "200000, 500",
    "499500, 500",
    "500000, 1000",
    "1000000, 1000"
  })
  void tick_follows_the_2023_krx_table(long price, long tick) {
    assertThat(TickSize.of(price)).isEqualTo(tick);
  }

  @Test
  void floor_and_ceil_land_on_the_grid_at_band_edges() {
    assertThat(TickSize.floor(4_999)).isEqualTo(4_995);
    assertThat(TickSize.ceil(4_998)).isEqualTo(5_000);
    assertThat(TickSize.floor(50_049)).isEqualTo(50_000);
    assertThat(TickSize.ceil(49_960)).isEqualTo(50_000);
    assertThat(TickSize.nearest(71_449)).isEqualTo(71_400);
    assertThat(TickSize.nearest(71_451)).isEqualTo(71_500);
    assertThat(TickSize.up(4_995)).isEqualTo(5_000);
    assertThat(TickSize.down(5_000)).isEqualTo(4_995);
  }

  @Test
  void every_price_up_to_a_million_rounds_onto_the_grid() {
    for (long price = 1; price <= 1_000_000; price += 7) {
      assertThat(TickSize.isOnGrid(TickSize.floor(price))).isTrue();
      assertThat(TickSize.isOnGrid(TickSize.ceil(price))).isTrue();
      assertThat(TickSize.floor(price)).isLessThanOrEqualTo(price);
      assertThat(TickSize.ceil(price)).isGreaterThanOrEqualTo(price);
    }
  }
}
