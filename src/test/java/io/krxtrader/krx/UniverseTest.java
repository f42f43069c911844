package io.krxtrader.krx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UniverseTest {

  @Test
  void the_default_universe_has_the_seeds_131_symbols_with_its_query_symbols() {
    Universe universe = Universe.defaultUniverse();
    assertThat(universe.size()).isEqualTo(131);
    for (String code : new String[] {"005930", "000660", "035720", "091990", "086280"}) {
      assertThat(universe.find(Symbol.of(code))).as(code).isPresent();
    }
    assertThat(universe.stocks()).extracting(Stock::market).contains(Market.KOSPI, Market.KOSDAQ);
    assertThat(universe.stocks()).extracting(Stock::liquidity).contains(Liquidity.values());
  }

  @Test
  void a_symbol_listed_twice_is_refused() {
    Stock samsung = Universe.defaultUniverse().find(Symbol.of("005930")).orElseThrow();
    assertThatThrownBy(() -> new Universe(List.of(samsung, samsung)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("symbol listed twice [symbol=005930]");
  }

  @Test
  void reference_prices_cover_every_tick_band() {
    assertThat(Universe.defaultUniverse().stocks())
        .extracting(s -> TickSize.of(s.referencePrice()))
        .contains(1L, 5L, 10L, 50L, 100L, 500L, 1000L);
  }
}
