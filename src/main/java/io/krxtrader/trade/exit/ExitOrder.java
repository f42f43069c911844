package io.krxtrader.trade.exit;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import io.krxtrader.trade.PriceType;
import java.util.OptionalLong;
import java.util.UUID;

/** The one sell an evaluation decided. */
public record ExitOrder(
    ExitRule rule,
    IntentType type,
    long quantity,
    PriceType priceType,
    OptionalLong limitPrice,
    String actionKey) {

  public OrderIntent toIntent(Symbol symbol, UUID positionId) {
    OrderIntent intent =
        priceType == PriceType.MKT
            ? OrderIntent.market(symbol, OrderSide.SELL, type, quantity, rule.code(), actionKey)
            : OrderIntent.limit(
                symbol,
                OrderSide.SELL,
                type,
                quantity,
                limitPrice.orElseThrow(),
                rule.code(),
                actionKey);
    return intent.forPosition(positionId);
  }
}
