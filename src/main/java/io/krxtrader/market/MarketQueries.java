package io.krxtrader.market;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The market's read side for the operator surface ({@code status}, the HTTP API, the dashboard):
 * each symbol's best price with its freshness, and the symbols the stale scan marked stale. One
 * copy of each query, used by the command line and the web alike.
 */
public final class MarketQueries {

  /** A symbol's best price and whether the stale scan marked it stale (and why). */
  public record BestPriceRow(
      Symbol symbol,
      Instant time,
      String source,
      BigDecimal lastPrice,
      Optional<BigDecimal> bid,
      Optional<BigDecimal> ask,
      long freshnessMs,
      int qualityScore,
      boolean stale,
      Optional<String> staleReason) {}

  /** A symbol the stale scan marked stale, since its freshness row last changed. */
  public record StaleSymbol(String symbol, Optional<String> reason, Instant since) {}

  private static final String BEST =
      "SELECT b.symbol, b.ts, b.source, b.last_price, b.bid, b.ask, b.freshness_ms,"
          + " b.quality_score, coalesce(f.is_stale, false), f.stale_reason"
          + " FROM market.prices_best b LEFT JOIN market.freshness f USING (symbol)";

  private MarketQueries() {}

  /** Every symbol's best price, by symbol. */
  public static List<BestPriceRow> bestPrices(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BEST + " ORDER BY b.symbol")) {
      return bestRows(statement);
    }
  }

  /** One symbol's best price, if it has one. */
  public static Optional<BestPriceRow> bestPrice(Connection connection, Symbol symbol)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BEST + " WHERE b.symbol = ?")) {
      statement.setString(1, symbol.code());
      return bestRows(statement).stream().findFirst();
    }
  }

  /** How many symbols are stale now. */
  public static long staleCount(Connection connection) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM market.freshness WHERE is_stale");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The first {@code limit} stale symbols, by symbol. */
  public static List<StaleSymbol> staleSymbols(Connection connection, int limit)
      throws SQLException {
    List<StaleSymbol> stale = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT symbol, stale_reason, updated_ts FROM market.freshness WHERE is_stale"
                + " ORDER BY symbol LIMIT ?")) {
      statement.setInt(1, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          stale.add(
              new StaleSymbol(
                  rows.getString(1),
                  Optional.ofNullable(rows.getString(2)),
                  rows.getTimestamp(3).toInstant()));
        }
      }
    }
    return stale;
  }

  private static List<BestPriceRow> bestRows(PreparedStatement statement) throws SQLException {
    List<BestPriceRow> rows = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        Timestamp time = rs.getTimestamp(2);
        rows.add(
            new BestPriceRow(
                Symbol.of(rs.getString(1)),
                time.toInstant(),
                rs.getString(3),
                rs.getBigDecimal(4),
                Optional.ofNullable(rs.getBigDecimal(5)),
                Optional.ofNullable(rs.getBigDecimal(6)),
                rs.getLong(7),
                rs.getInt(8),
                rs.getBoolean(9),
                Optional.ofNullable(rs.getString(10))));
      }
    }
    return rows;
  }
}
