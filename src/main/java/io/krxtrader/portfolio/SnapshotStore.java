package io.krxtrader.portfolio;

import io.krxtrader.db.EpochMicros;
import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The SQL of {@code portfolio_snapshot} and {@code portfolio_positions}, and what they value. */
final class SnapshotStore {

  // The broker's holdings, summed over accounts (one account in practice).
  private static final String HOLDINGS =
      """
      SELECT symbol, sum(qty) AS qty, sum(qty * avg_price) / sum(qty) AS avg_price
        FROM trade.holdings
       WHERE qty > 0
       GROUP BY symbol
       ORDER BY symbol
      """;
  // A best price counts when its event is no older than the market's stale-after; otherwise the
  // latest 10-minute bar close at or before now.
  private static final String PRICES =
      """
      SELECT s.symbol, b.last_price, b.ts AS best_ts, bar.close, bar.bar_time
        FROM unnest(CAST(:symbols AS text[])) AS s(symbol)
        LEFT JOIN market.prices_best b
               ON b.symbol = s.symbol AND b.ts >= :freshSince AND b.ts <= :now
        LEFT JOIN LATERAL (
              SELECT w.close, w.bar_time FROM observer.swing_bars_10m w
               WHERE w.symbol = s.symbol AND w.bar_time <= :now AND w.close IS NOT NULL
               ORDER BY w.bar_time DESC LIMIT 1) bar ON true
      """;
  private static final String INSERT_SNAPSHOT =
      """
      INSERT INTO portfolio.portfolio_snapshot
          (policy_id, snapshot_time, total_value, cash, invested_value, allocation_drift)
      VALUES (:policy, :time, :total, :cash, :invested, :drift)
      RETURNING snapshot_id
      """;
  private static final String INSERT_POSITION =
      """
      INSERT INTO portfolio.portfolio_positions
          (snapshot_id, symbol, quantity, avg_price, market_price, market_value, target_weight,
           current_weight, weight_diff, price_source, price_ts)
      VALUES (:snapshot, :symbol, :quantity, :avg, :price, :value, :target, :current, :diff,
              :source, :priceTs)
      """;
  private static final String SELECT_SNAPSHOT =
      """
      SELECT snapshot_id, policy_id, snapshot_time, total_value, cash, invested_value,
             allocation_drift
        FROM portfolio.portfolio_snapshot
      """;
  private static final String SELECT_POSITIONS =
      """
      SELECT symbol, quantity, avg_price, market_price, market_value, target_weight,
             current_weight, weight_diff, price_source, price_ts
        FROM portfolio.portfolio_positions
       WHERE snapshot_id = :snapshot
       ORDER BY symbol
      """;

  private SnapshotStore() {}

  static Map<Symbol, Valuation.Holding> holdings(Handle handle) {
    Map<Symbol, Valuation.Holding> holdings = new LinkedHashMap<>();
    handle
        .createQuery(HOLDINGS)
        .map(
            (rows, ctx) ->
                new Valuation.Holding(
                    Symbol.of(rows.getString("symbol")),
                    rows.getLong("qty"),
                    rows.getBigDecimal("avg_price")))
        .forEach(h -> holdings.put(h.symbol(), h));
    return holdings;
  }

  static Map<Symbol, Valuation.Price> prices(
      Handle handle, Collection<Symbol> symbols, Instant now, Instant freshSince) {
    Map<Symbol, Valuation.Price> prices = new HashMap<>();
    handle
        .createQuery(PRICES)
        .bind("symbols", symbols.stream().map(Symbol::code).toArray(String[]::new))
        .bind("now", EpochMicros.timestamp(now))
        .bind("freshSince", EpochMicros.timestamp(freshSince))
        .map(
            (rows, ctx) -> {
              Symbol symbol = Symbol.of(rows.getString("symbol"));
              BigDecimal best = rows.getBigDecimal("last_price");
              if (best != null) {
                return Map.entry(
                    symbol,
                    new Valuation.Price(
                        best, PriceSource.BEST_PRICE, EpochMicros.read(rows, "best_ts")));
              }
              BigDecimal close = rows.getBigDecimal("close");
              if (close != null) {
                return Map.entry(
                    symbol,
                    new Valuation.Price(
                        close, PriceSource.BAR_CLOSE, EpochMicros.read(rows, "bar_time")));
              }
              return null;
            })
        .forEach(
            entry -> {
              if (entry != null) {
                prices.put(entry.getKey(), entry.getValue());
              }
            });
    return prices;
  }

  static long insert(Handle handle, String policyId, Instant time, Valuation valuation) {
    long snapshotId =
        handle
            .createQuery(INSERT_SNAPSHOT)
            .bind("policy", policyId)
            .bind("time", EpochMicros.timestamp(time))
            .bind("total", valuation.total())
            .bind("cash", valuation.cash())
            .bind("invested", valuation.invested())
            .bind("drift", valuation.drift())
            .mapTo(Long.class)
            .one();
    PreparedBatch batch = handle.prepareBatch(INSERT_POSITION);
    for (Position p : valuation.positions()) {
      batch
          .bind("snapshot", snapshotId)
          .bind("symbol", p.symbol().code())
          .bind("quantity", p.quantity())
          .bind("avg", p.avgPrice().orElse(null))
          .bind("price", p.marketPrice().orElse(null))
          .bind("value", p.marketValue())
          .bind("target", p.targetWeight())
          .bind("current", p.currentWeight())
          .bind("diff", p.weightDiff())
          .bind("source", p.priceSource().code())
          .bind("priceTs", p.priceTs().map(EpochMicros::timestamp).orElse(null))
          .add();
    }
    if (!valuation.positions().isEmpty()) {
      batch.execute();
    }
    return snapshotId;
  }

  static Optional<Snapshot> find(Handle handle, long snapshotId) {
    return snapshot(handle, SELECT_SNAPSHOT + " WHERE snapshot_id = :id", Map.of("id", snapshotId));
  }

  static Optional<Snapshot> latest(Handle handle, String policyId) {
    return snapshot(
        handle,
        SELECT_SNAPSHOT
            + " WHERE policy_id = :policy ORDER BY snapshot_time DESC, snapshot_id DESC LIMIT 1",
        Map.of("policy", policyId));
  }

  static Optional<Instant> latestTime(Handle handle, String policyId) {
    return handle
        .createQuery(
            "SELECT max(snapshot_time) AS t FROM portfolio.portfolio_snapshot WHERE policy_id = :p")
        .bind("p", policyId)
        .map((rows, ctx) -> Optional.ofNullable(EpochMicros.read(rows, "t")))
        .one();
  }

  private static Optional<Snapshot> snapshot(
      Handle handle, String sql, Map<String, Object> arguments) {
    record Head(
        long id,
        String policy,
        Instant time,
        BigDecimal total,
        BigDecimal cash,
        BigDecimal invested,
        BigDecimal drift) {}
    Optional<Head> head =
        handle
            .createQuery(sql)
            .bindMap(arguments)
            .map(
                (rows, ctx) ->
                    new Head(
                        rows.getLong("snapshot_id"),
                        rows.getString("policy_id"),
                        EpochMicros.read(rows, "snapshot_time"),
                        rows.getBigDecimal("total_value"),
                        rows.getBigDecimal("cash"),
                        rows.getBigDecimal("invested_value"),
                        rows.getBigDecimal("allocation_drift")))
            .findOne();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Head h = head.get();
    List<Position> positions = new ArrayList<>();
    handle
        .createQuery(SELECT_POSITIONS)
        .bind("snapshot", h.id())
        .map(
            (rows, ctx) ->
                new Position(
                    Symbol.of(rows.getString("symbol")),
                    rows.getLong("quantity"),
                    Optional.ofNullable(rows.getBigDecimal("avg_price")),
                    Optional.ofNullable(rows.getBigDecimal("market_price")),
                    PriceSource.of(rows.getString("price_source")),
                    Optional.ofNullable(EpochMicros.read(rows, "price_ts")),
                    rows.getBigDecimal("market_value"),
                    rows.getBigDecimal("current_weight"),
                    rows.getBigDecimal("target_weight"),
                    rows.getBigDecimal("weight_diff")))
        .forEach(positions::add);
    return Optional.of(
        new Snapshot(
            h.id(),
            h.policy(),
            h.time(),
            new Valuation(h.cash(), h.invested(), h.total(), positions, h.drift())));
  }
}
