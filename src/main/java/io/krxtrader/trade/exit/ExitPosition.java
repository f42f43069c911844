package io.krxtrader.trade.exit;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The part of a {@code trade.positions} row the rules read. {@code version} is the row's optimistic
 * lock: a decision taken on it is written only while it is unchanged.
 */
public record ExitPosition(
    UUID positionId,
    Symbol symbol,
    long quantity,
    BigDecimal avgPrice,
    Instant entryTs,
    int version) {

  public ExitPosition {
    Objects.requireNonNull(positionId, "positionId");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(entryTs, "entryTs");
    if (quantity < 0 || avgPrice.signum() <= 0) {
      throw new IllegalArgumentException(
          "invalid position [positionId="
              + positionId
              + ", quantity="
              + quantity
              + ", avgPrice="
              + avgPrice
              + "]");
    }
  }
}
