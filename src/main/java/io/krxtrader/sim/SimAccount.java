package io.krxtrader.sim;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated brokerage account: settled cash at the start of the day ({@code deposit}), today's
 * trades and their fees and taxes (settling T+2: D+2 cash = deposit − buys + sells − fees − taxes),
 * holdings with their purchase cost, and every order row. Guarded by the market lock.
 */
final class SimAccount {

  /** One holding: quantity and total purchase cost (for the average price). */
  static final class Position {
    long quantity;
    long cost;
    long boughtToday;
    long soldToday;
    String name;
  }

  final SimAccountSpec spec;
  long deposit;
  long buyAmount;
  long sellAmount;
  long fees;
  long taxes;
  final Map<Symbol, Position> positions = new LinkedHashMap<>();
  final List<SimOrder> orders = new ArrayList<>();

  SimAccount(SimAccountSpec spec) {
    this.spec = spec;
    this.deposit = spec.cash();
  }

  /** Cash after everything so far settles (D+2). */
  long settledCash() {
    return deposit - buyAmount + sellAmount - fees - taxes;
  }

  long reserved() {
    return orders.stream().mapToLong(o -> o.open() > 0 ? o.reservedCash : 0).sum();
  }

  /** Cash free for a new buy: D+2 cash minus what open buy orders hold back. */
  long orderableCash() {
    return settledCash() - reserved();
  }

  long pendingSells(Symbol symbol) {
    return orders.stream()
        .filter(o -> o.symbol.equals(symbol) && o.side == OrderSide.SELL)
        .mapToLong(SimOrder::open)
        .sum();
  }

  long sellable(Symbol symbol) {
    Position position = positions.get(symbol);
    return position == null ? 0 : position.quantity - pendingSells(symbol);
  }

  void newDay() {
    deposit = settledCash();
    buyAmount = sellAmount = fees = taxes = 0;
    positions.values().removeIf(p -> p.quantity == 0);
    positions
        .values()
        .forEach(
            p -> {
              p.boughtToday = 0;
              p.soldToday = 0;
            });
    for (SimOrder order : orders) {
      if (order.open() > 0) {
        order.cancelled += order.open(); // day orders expire at the close
      }
    }
  }
}
