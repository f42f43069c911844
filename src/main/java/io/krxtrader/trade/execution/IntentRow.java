package io.krxtrader.trade.execution;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.PriceType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An intent as execution reads it from {@code trade.order_intents}, with its state. */
record IntentRow(
    UUID intentId,
    Symbol symbol,
    OrderSide side,
    IntentType type,
    long quantity,
    PriceType priceType,
    long limitPrice,
    IntentState state) {

  static final String COLUMNS =
      "intent_id, symbol, side, intent_type, qty, order_type, limit_price, status, send_count,"
          + " submitted_ts, empty_checks, last_check_ts, status_reason, broker_msg_cd,"
          + " broker_message";

  /** Whether it buys: an entry, or a rebalance buy (what a halt or a mismatch stops). */
  boolean entry() {
    return side == OrderSide.BUY;
  }

  OrderToSend order() {
    return new OrderToSend(
        symbol, side, priceType, quantity, priceType == PriceType.LMT ? limitPrice : 0);
  }

  static IntentRow read(ResultSet rs) throws SQLException {
    long price = rs.getLong("limit_price");
    return new IntentRow(
        rs.getObject("intent_id", UUID.class),
        Symbol.of(rs.getString("symbol")),
        OrderSide.valueOf(rs.getString("side")),
        IntentType.valueOf(rs.getString("intent_type")),
        rs.getLong("qty"),
        PriceType.valueOf(rs.getString("order_type")),
        rs.wasNull() ? 0 : price,
        state(rs));
  }

  private static IntentState state(ResultSet rs) throws SQLException {
    int sends = rs.getInt("send_count");
    Instant submitted = instant(rs.getTimestamp("submitted_ts"));
    String reason = Optional.ofNullable(rs.getString("status_reason")).orElse("");
    return switch (rs.getString("status")) {
      case "NEW" -> new IntentState.New();
      case "SUBMITTING" -> new IntentState.Submitting(sends, submitted);
      case "UNKNOWN" ->
          new IntentState.Unknown(
              sends,
              submitted,
              rs.getInt("empty_checks"),
              Optional.ofNullable(instant(rs.getTimestamp("last_check_ts"))));
      case "HELD" -> new IntentState.Held(reason);
      case "REJECTED" ->
          new IntentState.Rejected(rs.getString("broker_msg_cd"), rs.getString("broker_message"));
      case "DENIED" -> new IntentState.Denied(reason);
      default -> new IntentState.Submitted("");
    };
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
