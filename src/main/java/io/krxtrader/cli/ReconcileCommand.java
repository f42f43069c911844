package io.krxtrader.cli;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.trade.execution.Holdings;
import io.krxtrader.trade.execution.Mismatches;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = {
      "List the intents held for the operator and the open holdings mismatches.",
      "--adopt makes the positions agree with the broker (as last read) and records what changed;"
          + " it takes the execution leader, so stop a running execution first."
    })
final class ReconcileCommand extends KrxCommand {

  @Option(names = "--adopt", description = "Make the positions agree with the broker's holdings.")
  boolean adopt;

  @Override
  public Integer call() throws SQLException {
    Database db = context().migratedDatabase();
    PrintWriter out = out();
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection()) {
      printHeld(c, out);
      List<Mismatches.Mismatch> open = Mismatches.open(c);
      out.println("holdings mismatches: " + open.size());
      for (Mismatches.Mismatch m : open) {
        out.printf(
            "  %s %-13s position qty %s avg %s | broker qty %s avg %s | since %s%n",
            m.symbol().code(),
            m.kind(),
            m.positionQty().map(String::valueOf).orElse("-"),
            m.positionAvg().map(BigDecimal::toPlainString).orElse("-"),
            m.holdingQty().map(String::valueOf).orElse("-"),
            m.holdingAvg().map(BigDecimal::toPlainString).orElse("-"),
            m.firstSeen());
      }
      if (!adopt || open.isEmpty()) {
        return 0;
      }
    }
    try (Leadership leader =
        Leadership.elect(
            db,
            LeaderName.EXECUTION,
            "reconcile-" + ProcessHandle.current().pid(),
            context().clock())) {
      Optional<Leadership.Term> term = leader.term();
      if (term.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println("the execution leader is running elsewhere: stop it, then adopt");
        return 1;
      }
      for (String change : Holdings.adopt(db, term.get(), context().clock().instant())) {
        out.println("adopted " + change);
      }
    }
    return 0;
  }

  private static void printHeld(Connection c, PrintWriter out) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT intent_id, symbol, side, qty, order_type, limit_price, status_reason"
                    + " FROM trade.order_intents WHERE status = 'HELD' ORDER BY created_ts");
        ResultSet rs = s.executeQuery()) {
      int n = 0;
      StringBuilder lines = new StringBuilder();
      while (rs.next()) {
        n++;
        lines.append(
            String.format(
                "  %s %s %s %d %s%s: %s%n",
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6) == null ? "" : " " + rs.getString(6),
                rs.getString(7)));
      }
      out.println("held intents: " + n);
      out.print(lines);
    }
  }
}
