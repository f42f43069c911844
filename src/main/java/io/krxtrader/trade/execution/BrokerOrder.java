package io.krxtrader.trade.execution;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.trade.PriceType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One order in the broker's day (inquire-daily-ccld). {@code priceType} is empty for an order type
 * execution never sends; {@code change} is true for a revise or cancel row (a row of its own whose
 * original number differs from its own). {@code filledAmount} is the won total of the fills so far
 * (tot_ccld_amt).
 */
public record BrokerOrder(
    String orderId,
    String branch,
    Symbol symbol,
    OrderSide side,
    Optional<PriceType> priceType,
    long quantity,
    long price,
    Instant time,
    long filledQuantity,
    BigDecimal averageFillPrice,
    long filledAmount,
    long remainingQuantity,
    boolean change) {

  /** Whether nothing more can fill: all filled, or the rest cancelled or refused. */
  public boolean done() {
    return remainingQuantity == 0;
  }
}
