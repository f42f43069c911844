package io.krxtrader.portfolio;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One symbol's target weight (a fraction of the total value) from {@code effectiveDate} on. */
public record TargetWeight(Symbol symbol, BigDecimal weight, LocalDate effectiveDate) {

  public TargetWeight {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(effectiveDate, "effectiveDate");
  }
}
