package io.krxtrader.trade.router;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What the command line and the dashboard read: a day's picks and decisions. */
public final class RouterQueries {

  /** One pick with its status, gate times and reason. */
  public record PickRow(
      String producerId,
      String runId,
      String symbol,
      BigDecimal score,
      String confidence,
      String status,
      Optional<Instant> gate1,
      Optional<Instant> gate2,
      Optional<Instant> gate3,
      Optional<String> rejectReason) {}

  /** One day's decision on a symbol. */
  public record DecisionRow(
      String symbol,
      Instant decided,
      String method,
      BigDecimal finalScore,
      int producerCount,
      String gate1,
      String gate2,
      String gate3,
      String decision,
      Optional<String> rejectReason,
      Optional<String> actionKey) {}

  private RouterQueries() {}

  public static List<PickRow> picks(Database db, LocalDate day) {
    return db.jdbi(ModuleRole.ROUTER)
        .withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT producer_id, run_id, symbol, score, confidence, status,
                               gate1_passed_ts, gate2_passed_ts, gate3_passed_ts, reject_reason
                          FROM trade.picks WHERE run_date = ?
                         ORDER BY symbol, producer_id, run_id
                        """)
                    .bind(0, day)
                    .map(
                        (rs, ctx) ->
                            new PickRow(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getBigDecimal(4),
                                rs.getString(5),
                                rs.getString(6),
                                instant(rs.getTimestamp(7)),
                                instant(rs.getTimestamp(8)),
                                instant(rs.getTimestamp(9)),
                                Optional.ofNullable(rs.getString(10))))
                    .list());
  }

  public static List<DecisionRow> decisions(Database db, LocalDate day) {
    return db.jdbi(ModuleRole.ROUTER)
        .withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT d.symbol, d.decision_ts, d.method, d.final_score, d.producer_count,
                               d.gate1_result, d.gate2_result, d.gate3_result, d.final_decision,
                               d.reject_reason, i.action_key
                          FROM trade.pick_decisions d
                          LEFT JOIN trade.order_intents i ON i.intent_id = d.intent_id
                         WHERE d.run_date = ?
                         ORDER BY d.decision_ts, d.symbol
                        """)
                    .bind(0, day)
                    .map(
                        (rs, ctx) ->
                            new DecisionRow(
                                rs.getString(1),
                                rs.getTimestamp(2).toInstant(),
                                rs.getString(3),
                                rs.getBigDecimal(4),
                                rs.getInt(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9),
                                Optional.ofNullable(rs.getString(10)),
                                Optional.ofNullable(rs.getString(11))))
                    .list());
  }

  private static Optional<Instant> instant(java.sql.Timestamp ts) {
    return Optional.ofNullable(ts).map(java.sql.Timestamp::toInstant);
  }
}
