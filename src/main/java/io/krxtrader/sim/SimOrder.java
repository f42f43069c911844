package io.krxtrader.sim;

import io.krxtrader.kis.OrderType;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One order row as the broker keeps it (revise and cancel requests are rows of their own that point
 * at the original). Quantities: {@code filled + cancelled + open = quantity} for a live order.
 * Guarded by the market lock.
 */
final class SimOrder {

  final String number;
  final String original;
  final String branch;
  final LocalDate date;
  final LocalTime time;
  final OrderSide side;
  final Symbol symbol;
  final String name;
  final OrderType type;
  final long quantity;
  long price;
  final String change; // 0 new, 1 revise, 2 cancel
  long filled;
  long filledAmount;
  long cancelled;
  long reservedCash;

  SimOrder(
      String number,
      String original,
      String branch,
      LocalDate date,
      LocalTime time,
      OrderSide side,
      Symbol symbol,
      String name,
      OrderType type,
      long quantity,
      long price,
      String change) {
    this.number = number;
    this.original = original;
    this.branch = branch;
    this.date = date;
    this.time = time;
    this.side = side;
    this.symbol = symbol;
    this.name = name;
    this.type = type;
    this.quantity = quantity;
    this.price = price;
    this.change = change;
  }

  /** Shares still waiting to fill (a revise row is a live order; a cancel row never is). */
  long open() {
    return change.equals("2") ? 0 : quantity - filled - cancelled;
  }
}
