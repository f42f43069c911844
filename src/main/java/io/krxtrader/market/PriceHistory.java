package io.krxtrader.market;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Questions about the prices PriceSync kept ({@code market.prices_ticks}, {@code
 * market.discrepancies}) after the fact, for reports such as the demo's.
 */
public final class PriceHistory {

  /**
   * Two consecutive price events of a symbol (from any source) further apart than the threshold.
   */
  public record StalePeriod(Symbol symbol, Instant from, Instant to) {
    public Duration length() {
      return Duration.between(from, to);
    }
  }

  /** A recorded KIS-versus-Naver difference. */
  public record DiscrepancyRow(
      Symbol symbol, Instant ts, long kisPrice, long naverPrice, double diffPct, String severity) {}

  private static final String STALE_PERIODS =
      """
      SELECT symbol, previous_ts, ts
        FROM (SELECT symbol, ts, lag(ts) OVER (PARTITION BY symbol ORDER BY ts) AS previous_ts
                FROM market.prices_ticks
               WHERE symbol = ANY(:symbols) AND ts >= :from AND ts < :to) t
       WHERE ts - previous_ts > make_interval(secs => :seconds)
       ORDER BY symbol, previous_ts
      """;

  private static final String DISCREPANCIES =
      """
      SELECT symbol, ts, kis_price, naver_price, diff_pct, severity
        FROM market.discrepancies
       WHERE ts >= :from AND ts < :to
       ORDER BY ts
      """;

  private final Database database;

  public PriceHistory(Database database) {
    this.database = database;
  }

  /**
   * The gaps longer than {@code threshold} between consecutive prices of a symbol in {@code [from,
   * to)} — when its best price went stale (spec: older than 5 s during the session). Only gaps
   * between two prices: the time before a symbol's first price in the window, after its last, or in
   * a window without any of its prices is not reported.
   */
  public List<StalePeriod> stalePeriods(
      List<Symbol> symbols, Instant from, Instant to, Duration threshold) {
    return database
        .jdbi(ModuleRole.PRICESYNC)
        .withHandle(
            h ->
                h.createQuery(STALE_PERIODS)
                    .bind("symbols", symbols.stream().map(Symbol::code).toArray(String[]::new))
                    .bind("from", from)
                    .bind("to", to)
                    .bind("seconds", threshold.toMillis() / 1000.0)
                    .map(
                        (rs, ctx) ->
                            new StalePeriod(
                                Symbol.of(rs.getString(1)),
                                rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant()))
                    .list());
  }

  public List<DiscrepancyRow> discrepancies(Instant from, Instant to) {
    return database
        .jdbi(ModuleRole.PRICESYNC)
        .withHandle(
            h ->
                h.createQuery(DISCREPANCIES)
                    .bind("from", from)
                    .bind("to", to)
                    .map(
                        (rs, ctx) ->
                            new DiscrepancyRow(
                                Symbol.of(rs.getString(1)),
                                rs.getTimestamp(2).toInstant(),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getDouble(5),
                                rs.getString(6)))
                    .list());
  }
}
