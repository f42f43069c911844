package io.krxtrader.kis;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;

/**
 * One execution notice (H0STCNI0/H0STCNI9, decrypted). {@code fill} false is an acceptance notice
 * (order, revise, cancel or reject received: {@code quantity}/{@code price} then repeat the
 * order's), true a fill ({@code quantity} shares at {@code price}). Both the 26-field layout (2025)
 * and the documented 23-field one are read. The HTS id and account name the notice carries are left
 * out.
 */
public record ExecutionNotice(
    Instant receivedAt,
    OrderNumber orderNumber,
    Optional<OrderNumber> originalOrderNumber,
    OrderSide side,
    Change change,
    String orderTypeCode,
    Symbol symbol,
    long quantity,
    long price,
    LocalTime time,
    boolean rejected,
    boolean fill,
    String branch,
    long orderQuantity,
    long orderPrice,
    String symbolName) {

  /** RCTF_CLS: a new order, a revise or a cancel. */
  public enum Change {
    NEW,
    REVISE,
    CANCEL
  }
}
