package io.krxtrader.portfolio;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The seed's portfolio validation (section 5.1) as problems, one line each; none means consistent.
 *
 * <p>seed: it compared Σ market_value with {@code total_value}, which includes the cash, so every
 * snapshot holding cash failed; the positions are compared with {@code invested_value}, and the
 * total with cash + invested. seed: it looked at the last 7 days from {@code CURRENT_DATE}; every
 * snapshot is checked (the query is one pass over the positions). seed: its plan query listed
 * states without judging them; here a plan is a problem when its state and its orders disagree.
 */
final class PortfolioCheck {

  private static final String SNAPSHOTS =
      """
      SELECT 'snapshot ' || ps.snapshot_id || ': ' || problem
        FROM portfolio.portfolio_snapshot ps
        JOIN (SELECT snapshot_id, sum(market_value) AS value, sum(target_weight) AS targets,
                     count(*) AS positions
                FROM portfolio.portfolio_positions GROUP BY snapshot_id) pp
             USING (snapshot_id)
        CROSS JOIN LATERAL (VALUES
              (CASE WHEN abs(pp.value - ps.invested_value) > 1
                    THEN 'positions are worth ' || trim_scale(pp.value)
                         || ' KRW but invested_value is ' || trim_scale(ps.invested_value) END),
              (CASE WHEN abs(ps.cash + ps.invested_value - ps.total_value) > 1
                    THEN 'cash + invested is ' || trim_scale(ps.cash + ps.invested_value)
                         || ' KRW but total_value is ' || trim_scale(ps.total_value) END),
              (CASE WHEN abs(pp.targets - 1) > 0.01
                    THEN 'target weights sum to ' || round(pp.targets, 6) || ', not 1 ± 0.01' END)
        ) AS p(problem)
       WHERE problem IS NOT NULL
       ORDER BY ps.snapshot_id
      """;
  private static final String PLANS =
      """
      SELECT 'plan ' || rp.plan_id || ' (' || rp.status || '): ' || problem
        FROM portfolio.rebalance_plan rp
        LEFT JOIN (SELECT plan_id,
                          count(*) FILTER (WHERE status NOT IN ('filled', 'cancelled', 'rejected'))
                              AS open_orders,
                          count(*) FILTER (WHERE status = 'rejected') AS rejected,
                          count(*) AS orders
                     FROM portfolio.rebalance_orders GROUP BY plan_id) ro USING (plan_id)
        CROSS JOIN LATERAL (VALUES
              (CASE WHEN rp.status = 'done' AND coalesce(ro.open_orders, 0) > 0
                    THEN ro.open_orders || ' order(s) not final' END),
              (CASE WHEN rp.status = 'done' AND coalesce(ro.rejected, 0) > 0
                    THEN ro.rejected || ' rejected order(s) in a done plan' END),
              (CASE WHEN rp.status = 'error' AND coalesce(rp.reason, '') = ''
                    THEN 'in error without a reason' END),
              (CASE WHEN rp.status IN ('done', 'cancelled', 'error') AND rp.completed_at IS NULL
                    THEN 'final without completed_at' END),
              (CASE WHEN coalesce(ro.orders, 0) = 0 THEN 'no orders' END)
        ) AS p(problem)
       WHERE problem IS NOT NULL
       ORDER BY rp.plan_id
      """;

  private PortfolioCheck() {}

  static List<String> problems(Handle handle) {
    List<String> problems =
        new java.util.ArrayList<>(handle.createQuery(SNAPSHOTS).mapTo(String.class).list());
    problems.addAll(handle.createQuery(PLANS).mapTo(String.class).list());
    return problems;
  }
}
