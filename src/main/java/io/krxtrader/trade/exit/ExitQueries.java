package io.krxtrader.trade.exit;

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

/** The exit engine's signals of a position, for the operator surface: newest first. */
public final class ExitQueries {

  /** One recorded rule evaluation. */
  public record SignalRow(
      UUID signalId,
      UUID positionId,
      Instant time,
      String ruleName,
      boolean triggered,
      Optional<String> reason,
      BigDecimal currentPrice,
      Optional<BigDecimal> hwmPrice,
      Optional<BigDecimal> stopFloorPrice,
      double currentPnlPercent,
      Optional<UUID> intentId) {}

  private ExitQueries() {}

  /** The latest {@code limit} signals of a position, newest first. */
  public static List<SignalRow> signals(Connection connection, UUID positionId, int limit)
      throws SQLException {
    List<SignalRow> rows = new ArrayList<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT signal_id, position_id, ts, rule_name, triggered, reason, current_price,"
                + " hwm_price, stop_floor_price, current_pnl_pct, intent_id"
                + " FROM trade.exit_signals WHERE position_id = ? ORDER BY ts DESC LIMIT ?")) {
      s.setObject(1, positionId);
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new SignalRow(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, UUID.class),
                  rs.getTimestamp(3).toInstant(),
                  rs.getString(4),
                  rs.getBoolean(5),
                  Optional.ofNullable(rs.getString(6)),
                  rs.getBigDecimal(7),
                  Optional.ofNullable(rs.getBigDecimal(8)),
                  Optional.ofNullable(rs.getBigDecimal(9)),
                  rs.getDouble(10),
                  Optional.ofNullable(rs.getObject(11, UUID.class))));
        }
      }
    }
    return rows;
  }
}
