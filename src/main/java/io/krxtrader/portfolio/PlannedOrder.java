package io.krxtrader.portfolio;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;

/**
 * One order of a rebalance plan: a limit order on the KRX tick grid.
 *
 * @param phase 1 for sells, 2 for buys: buys are sent once every sell is final
 */
public record PlannedOrder(
    Symbol symbol, OrderSide side, long quantity, long limitPrice, int phase) {

  public PlannedOrder {
    if (quantity <= 0 || limitPrice <= 0 || (phase != 1 && phase != 2)) {
      throw new IllegalArgumentException(
          "invalid planned order [symbol=" + symbol + ", quantity=" + quantity + "]");
    }
  }
}
