package io.krxtrader.trade.execution;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Open differences between the broker's holdings and our positions ({@code
 * trade.holding_mismatches}), for anyone to read: {@code status}, the router, the exit engine. By
 * default an open mismatch blocks new entries in its symbol.
 */
public final class Mismatches {

  /** The kinds of difference. */
  public enum Kind {
    QTY,
    AVG_PRICE,
    BROKER_ONLY,
    POSITION_ONLY
  }

  /** One open mismatch; the position or holding side is empty when only the other has it. */
  public record Mismatch(
      UUID id,
      String accountId,
      Symbol symbol,
      Kind kind,
      Optional<Long> positionQty,
      Optional<BigDecimal> positionAvg,
      Optional<Long> holdingQty,
      Optional<BigDecimal> holdingAvg,
      Instant firstSeen,
      Instant lastSeen) {}

  private Mismatches() {}

  /** Every open mismatch, by symbol. */
  public static List<Mismatch> open(Connection connection) throws SQLException {
    List<Mismatch> found = new ArrayList<>();
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT mismatch_id, account_id, symbol, kind, position_qty, position_avg,"
                    + " holding_qty, holding_avg, first_seen, last_seen"
                    + " FROM trade.holding_mismatches WHERE resolved_ts IS NULL ORDER BY symbol");
        ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        found.add(
            new Mismatch(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                Symbol.of(rs.getString(3)),
                Kind.valueOf(rs.getString(4)),
                Optional.ofNullable((Long) rs.getObject(5)),
                Optional.ofNullable(rs.getBigDecimal(6)),
                Optional.ofNullable((Long) rs.getObject(7)),
                Optional.ofNullable(rs.getBigDecimal(8)),
                rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant()));
      }
    }
    return found;
  }

  /** Whether an open mismatch blocks new entries in {@code symbol}. */
  public static boolean blocksEntries(Connection connection, Symbol symbol) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT 1 FROM trade.holding_mismatches WHERE symbol = ? AND resolved_ts IS NULL")) {
      statement.setString(1, symbol.code());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next();
      }
    }
  }
}
