package io.krxtrader.portfolio;

import static io.krxtrader.portfolio.Fixtures.HYNIX;
import static io.krxtrader.portfolio.Fixtures.KAKAO;
import static io.krxtrader.portfolio.Fixtures.LG_CHEM;
import static io.krxtrader.portfolio.Fixtures.SAMSUNG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.KrxTraderException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuationTest {

  @Test
  void values_weights_and_drift_equal_the_hand_computed_example() {
    Valuation v = Fixtures.example();

    assertThat(v.cash()).isEqualByComparingTo("1300000");
    assertThat(v.invested()).isEqualByComparingTo("3700000");
    assertThat(v.total()).isEqualByComparingTo("5000000");
    assertThat(v.positions())
        .extracting(Position::symbol)
        .containsExactly(HYNIX, SAMSUNG, KAKAO, LG_CHEM);
    Map<String, Position> bySymbol =
        Map.of(
            "hynix", v.positions().get(0),
            "samsung", v.positions().get(1),
            "kakao", v.positions().get(2),
            "lg", v.positions().get(3));
    assertThat(bySymbol.get("samsung").marketValue()).isEqualByComparingTo("700000");
    assertThat(bySymbol.get("samsung").currentWeight()).isEqualByComparingTo("0.14");
    assertThat(bySymbol.get("samsung").weightDiff()).isEqualByComparingTo("-0.06");
    assertThat(bySymbol.get("hynix").weightDiff()).isEqualByComparingTo("0");
    assertThat(bySymbol.get("kakao").currentWeight()).isEqualByComparingTo("0.4");
    assertThat(bySymbol.get("kakao").weightDiff()).isEqualByComparingTo("0.1");
    assertThat(bySymbol.get("kakao").priceSource()).isEqualTo(PriceSource.BAR_CLOSE);
    assertThat(bySymbol.get("lg").quantity()).isZero();
    assertThat(bySymbol.get("lg").avgPrice()).isEmpty();
    assertThat(bySymbol.get("lg").currentWeight()).isEqualByComparingTo("0");
    assertThat(bySymbol.get("lg").weightDiff()).isEqualByComparingTo("-0.3");
    // √(0.06² + 0² + 0.1² + 0.3²) = √0.1036, to 20 digits then 12 places.
    assertThat(v.drift()).isEqualTo(new BigDecimal("0.321869538789"));
  }

  @Test
  void a_held_symbol_without_any_price_fails_the_snapshot() {
    assertThatThrownBy(
            () ->
                Valuation.of(
                    0,
                    Map.of(SAMSUNG, new Valuation.Holding(SAMSUNG, 1, BigDecimal.ONE)),
                    Map.of(),
                    Map.of()))
        .isInstanceOf(KrxTraderException.class)
        .hasMessageStartingWith("no price for a held symbol")
        .hasMessageEndingWith("[symbol=005930]");
  }
}
