package io.krxtrader.trade.risk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The latest {@code portfolio.portfolio_snapshot} (total value and cash, any policy): equity is its
 * total value; orderable cash is its cash less what entry intents not yet final may still spend
 * (quantity × limit price of ENTRY intents in NEW, SUBMITTING, SUBMITTED, UNKNOWN, HELD or
 * PARTIALLY_FILLED), so that two entries decided before the next balance do not spend the same won.
 */
public final class LatestSnapshotBalance implements BalanceSource {

  private static final String RESERVED =
      """
      (SELECT coalesce(sum(i.qty * i.limit_price), 0) FROM trade.order_intents i
        WHERE i.intent_type = 'ENTRY' AND i.limit_price IS NOT NULL
          AND i.status IN ('NEW', 'SUBMITTING', 'SUBMITTED', 'UNKNOWN', 'HELD',
                           'PARTIALLY_FILLED'))
      """;
  private static final String LATEST =
      "SELECT s.total_value, s.cash, s.snapshot_time, "
          + RESERVED
          + """
           AS reserved
            FROM portfolio.portfolio_snapshot s
           ORDER BY s.snapshot_time DESC, s.snapshot_id DESC
           LIMIT 1
          """;

  /**
   * What entry intents not yet final may still spend (won): another balance source takes it off its
   * cash the same way.
   */
  public static long reservedByOpenEntries(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT " + RESERVED);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getBigDecimal(1).longValue();
    }
  }

  @Override
  public Optional<AccountBalance> latest(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LATEST);
        ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        return Optional.empty();
      }
      long equity = row.getBigDecimal(1).longValue();
      long cash = row.getBigDecimal(2).longValue() - row.getBigDecimal(4).longValue();
      return Optional.of(new AccountBalance(equity, cash, row.getTimestamp(3).toInstant()));
    }
  }
}
