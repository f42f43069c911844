package io.krxtrader.trade.execution;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.trade.PriceType;
import java.util.Objects;

/** One cash order as execution sends it: {@code price} whole won, 0 for a market order. */
public record OrderToSend(
    Symbol symbol, OrderSide side, PriceType priceType, long quantity, long price) {

  public OrderToSend {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(priceType, "priceType");
  }
}
