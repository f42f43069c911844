package io.krxtrader.trade.execution;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One fill as the broker's execution notice reports it ({@code kis} turns H0STCNI0/H0STCNI9 into
 * this): {@code quantity} shares of order {@code orderId} at {@code price} whole won, at {@code
 * time} (the exchange's second). Acceptance, cancel and refusal notices are not fills.
 */
public record FillNotice(
    String orderId, Symbol symbol, OrderSide side, long quantity, long price, Instant time) {

  public FillNotice {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(time, "time");
    if (quantity <= 0 || price <= 0) {
      throw new IllegalArgumentException(
          "a fill notice has a positive quantity and price [order="
              + orderId
              + ", quantity="
              + quantity
              + ", price="
              + price
              + "]");
    }
  }

  /**
   * The notice's id, from its content (order number without its zero padding, quantity, price,
   * second): the same notice delivered twice has one id.
   */
  public UUID id() {
    String order = orderId.replaceFirst("^0+", "");
    return UUID.nameUUIDFromBytes(
        ("notice:" + order + ":" + quantity + ":" + price + ":" + time.getEpochSecond())
            .getBytes(StandardCharsets.UTF_8));
  }
}
