package io.krxtrader.portfolio;

import io.krxtrader.krx.Symbol;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The SQL of {@code portfolio_policy} and {@code target_weights}. */
final class PolicyStore {

  private static final String INSERT_POLICY =
      """
      INSERT INTO portfolio.portfolio_policy
          (policy_id, name, description, rebalance_freq, max_position_pct, min_position_pct,
           rebalance_threshold)
      VALUES (:id, :name, :description, :frequency, :max, :min, :threshold)
      ON CONFLICT (policy_id) DO NOTHING
      """;
  private static final String SELECT_POLICY =
      """
      SELECT policy_id, name, description, rebalance_freq, max_position_pct, min_position_pct,
             rebalance_threshold
        FROM portfolio.portfolio_policy
      """;
  private static final String DELETE_DATES =
      "DELETE FROM portfolio.target_weights WHERE policy_id = :policy AND effective_date = ANY(CAST(:dates AS date[]))";
  private static final String INSERT_TARGET =
      """
      INSERT INTO portfolio.target_weights (policy_id, symbol, target_weight, effective_date)
      VALUES (:policy, :symbol, :weight, :date)
      """;
  // The weights in force are one set: the latest effective date's on or before the day.
  private static final String IN_FORCE =
      """
      SELECT symbol, target_weight, effective_date
        FROM portfolio.target_weights
       WHERE policy_id = :policy
         AND effective_date = (SELECT max(effective_date) FROM portfolio.target_weights
                                WHERE policy_id = :policy AND effective_date <= :day)
       ORDER BY symbol
      """;

  private PolicyStore() {}

  static boolean insert(Handle handle, Policy policy) {
    return handle
            .createUpdate(INSERT_POLICY)
            .bind("id", policy.policyId())
            .bind("name", policy.name())
            .bind("description", policy.description().orElse(null))
            .bind("frequency", policy.frequency().code())
            .bind("max", policy.maxPositionPct())
            .bind("min", policy.minPositionPct())
            .bind("threshold", policy.rebalanceThreshold())
            .execute()
        == 1;
  }

  static Optional<Policy> find(Handle handle, String policyId) {
    return handle
        .createQuery(SELECT_POLICY + " WHERE policy_id = :id")
        .bind("id", policyId)
        .map((rows, ctx) -> policy(rows))
        .findOne();
  }

  static List<Policy> all(Handle handle) {
    return handle
        .createQuery(SELECT_POLICY + " ORDER BY policy_id")
        .map((rows, ctx) -> policy(rows))
        .list();
  }

  /** Replaces the weights of every effective date in {@code targets} by {@code targets}. */
  static void replace(Handle handle, String policyId, Collection<TargetWeight> targets) {
    String[] dates =
        new TreeSet<>(targets.stream().map(TargetWeight::effectiveDate).toList())
            .stream().map(LocalDate::toString).toArray(String[]::new);
    handle.createUpdate(DELETE_DATES).bind("policy", policyId).bind("dates", dates).execute();
    PreparedBatch batch = handle.prepareBatch(INSERT_TARGET);
    for (TargetWeight target : targets) {
      batch
          .bind("policy", policyId)
          .bind("symbol", target.symbol().code())
          .bind("weight", target.weight())
          .bind("date", target.effectiveDate())
          .add();
    }
    batch.execute();
  }

  static List<TargetWeight> inForce(Handle handle, String policyId, LocalDate day) {
    return handle
        .createQuery(IN_FORCE)
        .bind("policy", policyId)
        .bind("day", day)
        .map(
            (rows, ctx) ->
                new TargetWeight(
                    Symbol.of(rows.getString("symbol")),
                    rows.getBigDecimal("target_weight").stripTrailingZeros(),
                    rows.getObject("effective_date", LocalDate.class)))
        .list();
  }

  private static Policy policy(ResultSet rows) throws SQLException {
    return new Policy(
        rows.getString("policy_id"),
        rows.getString("name"),
        Optional.ofNullable(rows.getString("description")),
        RebalanceFrequency.of(rows.getString("rebalance_freq")),
        plain(rows.getBigDecimal("max_position_pct")),
        plain(rows.getBigDecimal("min_position_pct")),
        plain(rows.getBigDecimal("rebalance_threshold")));
  }

  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
