package io.krxtrader.trade.exit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the rules know of the market at one evaluation: a fresh best price (whole won) and its time,
 * the symbol's ATR and previous close when the daily data has them, and an operator's pending
 * MANUAL request.
 */
public record ExitMarket(
    long price,
    Instant ts,
    Optional<BigDecimal> atr,
    OptionalLong previousClose,
    Optional<ManualRequest> manual) {

  /** An operator's request to sell all ({@code quantity} empty) or a given quantity. */
  public record ManualRequest(OptionalLong quantity) {}

  public ExitMarket {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(atr, "atr");
    Objects.requireNonNull(previousClose, "previousClose");
    Objects.requireNonNull(manual, "manual");
    if (price <= 0) {
      throw new IllegalArgumentException("a price must be positive [price=" + price + "]");
    }
  }
}
