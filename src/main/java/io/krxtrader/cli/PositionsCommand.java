package io.krxtrader.cli;

import io.krxtrader.db.ModuleRole;
import io.krxtrader.trade.execution.ExecutionQueries;
import io.krxtrader.trade.execution.ExecutionQueries.PositionRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "positions",
    mixinStandardHelpOptions = true,
    description = {
      "Open positions: quantity, average price, the symbol's best price and its time, the",
      "unrealised profit or loss against the average price (before fees and tax), the exit",
      "engine's phase and stop floor."
    })
final class PositionsCommand extends QueryCommand {

  @Override
  public Integer call() throws SQLException {
    List<PositionRow> positions;
    try (Connection c =
        context().migratedDatabase().dataSource(ModuleRole.EXECUTION).getConnection()) {
      positions = ExecutionQueries.openPositions(c);
    }
    if (format == OutputFormat.TABLE && positions.isEmpty()) {
      out().println("no open positions");
      out().flush();
      return 0;
    }
    Rows rows =
        new Rows(
            "symbol",
            "qty",
            "avg_price",
            "last_price",
            "price_time",
            "unrealized_pnl",
            "pnl_percent",
            "phase",
            "stop_floor",
            "status",
            "entered",
            "position_id");
    for (PositionRow p : positions) {
      rows.add(
          p.symbol().code(),
          p.qty(),
          p.avgPrice(),
          p.lastPrice().orElse(null),
          p.lastPriceTime().orElse(null),
          p.pnl().orElse(null),
          p.pnlPercent().orElse(null),
          p.phase().orElse(""),
          p.stopFloorPrice().map(BigDecimal::stripTrailingZeros).orElse(null),
          p.status(),
          p.entryTime(),
          p.positionId());
    }
    return print(rows);
  }
}
