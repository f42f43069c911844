package io.krxtrader.portfolio;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;

/**
 * One stored rebalance order and what has been filled of it.
 *
 * @param status planned (no intent yet), pending, submitted, partially_filled, filled, cancelled or
 *     rejected
 * @param slippage Σ (fill − planned price) × quantity for a buy, (planned − fill) × quantity for a
 *     sell: positive is a cost
 */
public record OrderView(
    long orderId,
    Symbol symbol,
    OrderSide side,
    long quantity,
    long limitPrice,
    int phase,
    String status,
    Optional<UUID> intentId,
    long filledQuantity,
    BigDecimal commission,
    BigDecimal slippage) {

  public boolean isFinal() {
    return switch (status) {
      case "filled", "cancelled", "rejected" -> true;
      default -> false;
    };
  }
}
