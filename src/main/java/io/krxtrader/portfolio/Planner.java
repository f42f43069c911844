package io.krxtrader.portfolio;

import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.TickSize;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a snapshot's weight differences into orders. For each position with |weight_diff| > 1 %:
 * SELL when over target, BUY when under; the limit price is the position's price put on the tick
 * grid (a sell's down, a buy's up, so it can trade at that price); quantity = round-down(|diff| ×
 * total ÷ limit price), a sell never more than held, a buy never past {@code max_position_pct} of
 * the total (held + bought). Sells come first (phase 1), then buys (phase 2); a symbol without a
 * price, or whose quantity rounds to 0, gets no order and is named in {@link Plan#skipped()}.
 */
final class Planner {

  static final BigDecimal MIN_DIFF = new BigDecimal("0.01");

  /** The orders, sells first, and what was left out and why. */
  record Plan(List<PlannedOrder> orders, List<String> skipped) {}

  private Planner() {}

  static Plan plan(Valuation valuation, Policy policy) {
    List<PlannedOrder> orders = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    BigDecimal total = valuation.total();
    for (Position position : valuation.positions()) {
      BigDecimal diff = position.weightDiff();
      if (diff.abs().compareTo(MIN_DIFF) <= 0) {
        continue;
      }
      if (position.marketPrice().isEmpty()) {
        skipped.add(position.symbol() + ": no price");
        continue;
      }
      OrderSide side = diff.signum() > 0 ? OrderSide.SELL : OrderSide.BUY;
      BigDecimal price = position.marketPrice().get();
      long limit =
          side == OrderSide.SELL
              ? TickSize.floor(price.setScale(0, RoundingMode.FLOOR).longValueExact())
              : TickSize.ceil(price.setScale(0, RoundingMode.CEILING).longValueExact());
      if (limit <= 0) {
        skipped.add(position.symbol() + ": price below one won");
        continue;
      }
      BigDecimal limitPrice = BigDecimal.valueOf(limit);
      long quantity =
          diff.abs().multiply(total).divide(limitPrice, 0, RoundingMode.FLOOR).longValueExact();
      if (side == OrderSide.SELL) {
        quantity = Math.min(quantity, position.quantity());
      } else {
        long most =
            policy
                    .maxPositionPct()
                    .multiply(total)
                    .divide(limitPrice, 0, RoundingMode.FLOOR)
                    .longValueExact()
                - position.quantity();
        quantity = Math.min(quantity, Math.max(most, 0));
      }
      if (quantity <= 0) {
        skipped.add(position.symbol() + ": " + side + " quantity rounds to 0");
        continue;
      }
      orders.add(
          new PlannedOrder(
              position.symbol(), side, quantity, limit, side == OrderSide.SELL ? 1 : 2));
    }
    orders.sort(Comparator.comparingInt(PlannedOrder::phase).thenComparing(PlannedOrder::symbol));
    return new Plan(orders, skipped);
  }
}
