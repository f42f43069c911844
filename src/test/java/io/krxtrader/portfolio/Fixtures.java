package io.krxtrader.portfolio;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The hand-computed example the portfolio tests share. */
final class Fixtures {

  static final Symbol SAMSUNG = Symbol.of("005930");
  static final Symbol HYNIX = Symbol.of("000660");
  static final Symbol KAKAO = Symbol.of("035720");
  static final Symbol LG_CHEM = Symbol.of("051910");
  static final Symbol HYUNDAI = Symbol.of("005380");
  static final Instant AT = Instant.parse("2026-12-03T00:31:00Z"); // 09:31 KST, a Thursday

  private Fixtures() {}

  static Policy policy(String max) {
    return new Policy(
        "balanced",
        "Balanced",
        Optional.empty(),
        RebalanceFrequency.DAILY,
        new BigDecimal(max),
        new BigDecimal("0.01"),
        new BigDecimal("0.05"));
  }

  /**
   * Cash 1,300,000; Samsung 10 × 70,000 = 700,000; Hynix 5 × 200,000 = 1,000,000; Kakao 40 × 50,000
   * = 2,000,000; LG Chem a target without a holding at 300,000. Invested 3,700,000, total
   * 5,000,000. Targets 0.2 / 0.2 / 0.3 / 0.3.
   */
  static Valuation example() {
    return Valuation.of(
        1_300_000,
        Map.of(
            SAMSUNG, new Valuation.Holding(SAMSUNG, 10, new BigDecimal("65000")),
            HYNIX, new Valuation.Holding(HYNIX, 5, new BigDecimal("210000")),
            KAKAO, new Valuation.Holding(KAKAO, 40, new BigDecimal("48000"))),
        Map.of(
            SAMSUNG, price("70000", PriceSource.BEST_PRICE),
            HYNIX, price("200000", PriceSource.BEST_PRICE),
            KAKAO, price("50000", PriceSource.BAR_CLOSE),
            LG_CHEM, price("300000", PriceSource.BAR_CLOSE)),
        Map.of(
            SAMSUNG, new BigDecimal("0.2"),
            HYNIX, new BigDecimal("0.2"),
            KAKAO, new BigDecimal("0.3"),
            LG_CHEM, new BigDecimal("0.3")));
  }

  static Valuation.Price price(String price, PriceSource source) {
    return new Valuation.Price(new BigDecimal(price), source, AT);
  }
}
