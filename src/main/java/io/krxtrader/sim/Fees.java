package io.krxtrader.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Costs of a fill: KIS's non-face-to-face commission (0.0140527 % per side, exchange and depository
 * fees included) and the securities transaction tax on sells (0.15 % in 2025, 0.20 % from
 * 2026-01-01 for KOSPI and KOSDAQ). Each is rounded down to the won per fill.
 */
final class Fees {

  static final BigDecimal COMMISSION = new BigDecimal("0.000140527");
  private static final BigDecimal TAX_2025 = new BigDecimal("0.0015");
  private static final BigDecimal TAX_2026 = new BigDecimal("0.0020");

  private Fees() {}

  static long commission(long amount) {
    return BigDecimal.valueOf(amount)
        .multiply(COMMISSION)
        .setScale(0, RoundingMode.FLOOR)
        .longValueExact();
  }

  static long sellTax(long amount, LocalDate date) {
    BigDecimal rate = date.getYear() >= 2026 ? TAX_2026 : TAX_2025;
    return BigDecimal.valueOf(amount)
        .multiply(rate)
        .setScale(0, RoundingMode.FLOOR)
        .longValueExact();
  }

  /** Cash a buy of {@code amount} needs, commission included. */
  static long withCommission(long amount) {
    return amount + commission(amount) + 1;
  }
}
