package io.krxtrader.portfolio;

import io.krxtrader.KrxTraderException;
import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The value of the holdings and cash at one moment, weighed against the targets in force: {@code
 * invested} = Σ quantity × price, {@code total} = cash + invested, per position {@code
 * current_weight} = value ÷ total and {@code weight_diff} = current − target, and {@code drift} =
 * √Σ weight_diff² (a fraction). Computed in {@link Weights#CONTEXT}.
 */
public record Valuation(
    BigDecimal cash,
    BigDecimal invested,
    BigDecimal total,
    List<Position> positions,
    BigDecimal drift) {

  /** A holding as {@code trade.holdings} has it, summed over accounts. */
  record Holding(Symbol symbol, long quantity, BigDecimal avgPrice) {}

  /** The price a symbol is valued at, and where it came from. */
  record Price(BigDecimal price, PriceSource source, Instant ts) {}

  public Valuation {
    positions = List.copyOf(positions);
  }

  /**
   * Values {@code holdings} at {@code prices}.
   *
   * @throws KrxTraderException if a held symbol has no price at all (the total would be wrong)
   */
  static Valuation of(
      long cash,
      Map<Symbol, Holding> holdings,
      Map<Symbol, Price> prices,
      Map<Symbol, BigDecimal> targets) {
    TreeSet<Symbol> symbols = new TreeSet<>(holdings.keySet());
    symbols.addAll(targets.keySet());
    BigDecimal invested = BigDecimal.ZERO;
    for (Holding holding : holdings.values()) {
      Price price = prices.get(holding.symbol());
      if (price == null) {
        throw new KrxTraderException(
            "no price for a held symbol: neither a fresh best price nor a 10-minute bar [symbol="
                + holding.symbol()
                + "]");
      }
      invested = invested.add(price.price().multiply(BigDecimal.valueOf(holding.quantity())));
    }
    BigDecimal cashValue = BigDecimal.valueOf(cash);
    BigDecimal total = cashValue.add(invested);
    List<Position> positions = new ArrayList<>();
    List<BigDecimal> diffs = new ArrayList<>();
    for (Symbol symbol : symbols) {
      Holding holding = holdings.get(symbol);
      Optional<Price> price = Optional.ofNullable(prices.get(symbol));
      long quantity = holding == null ? 0 : holding.quantity();
      BigDecimal value =
          price.map(p -> p.price().multiply(BigDecimal.valueOf(quantity))).orElse(BigDecimal.ZERO);
      BigDecimal current = Weights.ratio(value, total);
      BigDecimal target = Weights.stored(targets.getOrDefault(symbol, BigDecimal.ZERO));
      BigDecimal diff = current.subtract(target);
      diffs.add(diff);
      positions.add(
          new Position(
              symbol,
              quantity,
              Optional.ofNullable(holding).map(Holding::avgPrice),
              price.map(Price::price),
              price.map(Price::source).orElse(PriceSource.NONE),
              price.map(Price::ts),
              value,
              current,
              target,
              diff));
    }
    return new Valuation(cashValue, invested, total, positions, Weights.drift(diffs));
  }
}
