package io.krxtrader.kis;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import java.util.Objects;

/**
 * A cash order: side, symbol, type, quantity in shares and limit price in KRW (0 for the types
 * without a price).
 */
public record OrderRequest(
    OrderSide side, Symbol symbol, OrderType type, long quantity, long price) {

  public OrderRequest {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(type, "type");
    if (quantity <= 0) {
      throw new IllegalArgumentException(
          "order quantity must be positive [quantity=" + quantity + "]");
    }
    if (type.priced() ? price <= 0 : price != 0) {
      throw new IllegalArgumentException(
          "order type "
              + type
              + (type.priced() ? " needs a positive price" : " takes no price")
              + " [price="
              + price
              + "]");
    }
  }

  public static OrderRequest limit(OrderSide side, Symbol symbol, long quantity, long price) {
    return new OrderRequest(side, symbol, OrderType.LIMIT, quantity, price);
  }

  public static OrderRequest market(OrderSide side, Symbol symbol, long quantity) {
    return new OrderRequest(side, symbol, OrderType.MARKET, quantity, 0);
  }
}
