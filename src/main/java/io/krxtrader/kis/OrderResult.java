package io.krxtrader.kis;

import java.time.LocalTime;

/**
 * What the broker said to an order, revise or cancel. {@link Accepted} means received, not filled:
 * fills arrive as execution notices and in the daily order inquiry. {@link Rejected} is the
 * broker's "no" (insufficient cash, market closed, bad tick...), a business outcome and not a
 * fault; it keeps KIS's {@code msg_cd}/{@code msg1}.
 */
public sealed interface OrderResult {

  /**
   * {@code branch} is {@code KRX_FWDG_ORD_ORGNO}, needed to revise or cancel the order; {@code raw}
   * is the whole answer body as JSON text.
   */
  record Accepted(OrderNumber orderNumber, String branch, LocalTime time, String msgCd, String raw)
      implements OrderResult {}

  record Rejected(KisError error) implements OrderResult {}
}
