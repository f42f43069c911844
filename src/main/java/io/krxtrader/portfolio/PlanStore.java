package io.krxtrader.portfolio;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.trade.IntentCancellations;
import io.krxtrader.trade.IntentStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The SQL of {@code rebalance_plan}, {@code rebalance_orders} and {@code rebalance_execution}. */
final class PlanStore {

  private static final String INSERT_PLAN =
      """
      INSERT INTO portfolio.rebalance_plan (policy_id, snapshot_id, status, reason, created_at)
      VALUES (:policy, :snapshot, 'pending', :reason, :now)
      RETURNING plan_id
      """;
  private static final String INSERT_ORDER =
      """
      INSERT INTO portfolio.rebalance_orders
          (plan_id, symbol, side, target_qty, order_type, limit_price, status, phase, created_at)
      VALUES (:plan, :symbol, :side, :qty, 'LIMIT', :price, 'planned', :phase, :now)
      """;
  private static final String OPEN_PLAN =
      """
      SELECT plan_id FROM portfolio.rebalance_plan
       WHERE policy_id = :policy AND status IN ('pending', 'executing')
      """;
  private static final String SELECT_PLAN =
      """
      SELECT plan_id, policy_id, snapshot_id, status, reason
        FROM portfolio.rebalance_plan WHERE plan_id = :plan
      """;
  // The intent's status says where the order is; the executions what was filled of it.
  private static final String SELECT_ORDERS =
      """
      SELECT ro.order_id, ro.symbol, ro.side, ro.target_qty, ro.limit_price, ro.phase, ro.status,
             ro.intent_id, i.status AS intent_status,
             coalesce(x.filled, 0) AS filled, coalesce(x.commission, 0) AS commission,
             coalesce(x.slippage, 0) AS slippage
        FROM portfolio.rebalance_orders ro
        LEFT JOIN trade.order_intents i ON i.intent_id = ro.intent_id
        LEFT JOIN LATERAL (
              SELECT sum(e.filled_qty) AS filled, sum(e.commission) AS commission,
                     sum(e.slippage) AS slippage
                FROM portfolio.rebalance_execution e WHERE e.order_id = ro.order_id) x ON true
       WHERE ro.plan_id = :plan
       ORDER BY ro.phase, ro.symbol
      """;
  // Every broker fill of the plan's intents (fills -> orders -> intents), once per fill_id.
  // Slippage is signed so that a positive value is a cost against the planned price.
  private static final String RECORD_FILLS =
      """
      INSERT INTO portfolio.rebalance_execution
          (order_id, fill_id, filled_qty, filled_price, exec_time, commission, slippage, status)
      SELECT ro.order_id, f.fill_id, f.qty, f.price, f.ts,
             coalesce(f.fee, 0) + coalesce(f.tax, 0),
             CASE ro.side WHEN 'BUY' THEN (f.price - ro.limit_price) * f.qty
                          ELSE (ro.limit_price - f.price) * f.qty END,
             'filled'
        FROM portfolio.rebalance_orders ro
        JOIN trade.order_intents i ON i.intent_id = ro.intent_id
        JOIN trade.orders o ON o.intent_id = i.intent_id
        JOIN trade.fills f ON f.order_id = o.order_id
       WHERE ro.plan_id = :plan
      ON CONFLICT (fill_id) DO NOTHING
      """;

  private static final String SENT_ORDERS =
      """
      SELECT ro.order_id, i.status FROM portfolio.rebalance_orders ro
        JOIN trade.order_intents i ON i.intent_id = ro.intent_id
       WHERE ro.plan_id = :plan
      """;
  private static final String SET_ORDER_STATUS =
      "UPDATE portfolio.rebalance_orders SET status = :status"
          + " WHERE order_id = :order AND status <> :status";
  private static final String MARK_SENT =
      """
      UPDATE portfolio.rebalance_orders
         SET status = 'pending', intent_id = :intent, action_key = :key, submitted_at = :now
       WHERE order_id = :order
      """;
  private static final String CANCEL_UNSENT =
      "UPDATE portfolio.rebalance_orders SET status = 'cancelled'"
          + " WHERE plan_id = :plan AND status = 'planned'";
  private static final String SET_PENDING =
      "UPDATE portfolio.rebalance_plan SET status = :status WHERE plan_id = :plan";
  private static final String SET_EXECUTING =
      "UPDATE portfolio.rebalance_plan SET status = :status, approved_at = :now, started_at = :now"
          + " WHERE plan_id = :plan";
  private static final String SET_ERROR =
      "UPDATE portfolio.rebalance_plan SET status = :status, reason = :reason, completed_at = :now"
          + " WHERE plan_id = :plan";
  private static final String SET_FINAL =
      "UPDATE portfolio.rebalance_plan SET status = :status, completed_at = :now"
          + " WHERE plan_id = :plan";
  private static final String INTENT_BY_KEY =
      "SELECT intent_id FROM trade.order_intents WHERE action_key = :key";
  private static final String EXECUTING_PLANS =
      "SELECT plan_id FROM portfolio.rebalance_plan WHERE status = 'executing' ORDER BY plan_id";

  private PlanStore() {}

  static List<Long> executing(Handle handle) {
    return handle.createQuery(EXECUTING_PLANS).mapTo(Long.class).list();
  }

  static Optional<Long> openPlan(Handle handle, String policyId) {
    return handle.createQuery(OPEN_PLAN).bind("policy", policyId).mapTo(Long.class).findFirst();
  }

  static long insert(
      Handle handle,
      String policyId,
      long snapshotId,
      String reason,
      List<PlannedOrder> orders,
      Instant now) {
    long planId =
        handle
            .createQuery(INSERT_PLAN)
            .bind("policy", policyId)
            .bind("snapshot", snapshotId)
            .bind("reason", reason)
            .bind("now", EpochMicros.timestamp(now))
            .mapTo(Long.class)
            .one();
    PreparedBatch batch = handle.prepareBatch(INSERT_ORDER);
    for (PlannedOrder order : orders) {
      batch
          .bind("plan", planId)
          .bind("symbol", order.symbol().code())
          .bind("side", order.side().name())
          .bind("qty", order.quantity())
          .bind("price", order.limitPrice())
          .bind("phase", order.phase())
          .bind("now", EpochMicros.timestamp(now))
          .add();
    }
    batch.execute();
    return planId;
  }

  /** The plan, its row locked until the transaction ends when {@code lock}. */
  static Optional<PlanView> find(Handle handle, long planId, boolean lock) {
    record Head(long id, String policy, long snapshot, String status, String reason) {}
    Optional<Head> head =
        handle
            .createQuery(SELECT_PLAN + (lock ? " FOR UPDATE" : ""))
            .bind("plan", planId)
            .map(
                (rows, ctx) ->
                    new Head(
                        rows.getLong("plan_id"),
                        rows.getString("policy_id"),
                        rows.getLong("snapshot_id"),
                        rows.getString("status"),
                        rows.getString("reason")))
            .findOne();
    return head.map(
        h ->
            new PlanView(
                h.id(),
                h.policy(),
                h.snapshot(),
                PlanState.of(h.status(), h.reason()),
                h.reason() == null ? "" : h.reason(),
                orders(handle, h.id())));
  }

  /** The orders with their status as of the last {@link #syncStatus}. */
  static List<OrderView> orders(Handle handle, long planId) {
    return handle
        .createQuery(SELECT_ORDERS)
        .bind("plan", planId)
        .map(
            (rows, ctx) ->
                new OrderView(
                    rows.getLong("order_id"),
                    Symbol.of(rows.getString("symbol")),
                    OrderSide.valueOf(rows.getString("side")),
                    rows.getLong("target_qty"),
                    rows.getBigDecimal("limit_price").longValueExact(),
                    rows.getInt("phase"),
                    RebalanceOrderStatus.of(rows.getString("status")),
                    Optional.ofNullable(rows.getObject("intent_id", UUID.class)),
                    rows.getLong("filled"),
                    rows.getBigDecimal("commission"),
                    rows.getBigDecimal("slippage")))
        .list();
  }

  /** Sets every sent order's status from its intent's. */
  static void syncStatus(Handle handle, long planId) {
    List<Object[]> sent =
        handle
            .createQuery(SENT_ORDERS)
            .bind("plan", planId)
            .map((rows, ctx) -> new Object[] {rows.getLong(1), rows.getString(2)})
            .list();
    for (Object[] row : sent) {
      String status = orderStatus(IntentStatus.valueOf((String) row[1])).code();
      handle
          .createUpdate(SET_ORDER_STATUS)
          .bind("status", status)
          .bind("order", (Long) row[0])
          .execute();
    }
  }

  static RebalanceOrderStatus orderStatus(IntentStatus status) {
    return switch (status) {
      case NEW -> RebalanceOrderStatus.PENDING;
      case SUBMITTING, SUBMITTED, UNKNOWN, HELD -> RebalanceOrderStatus.SUBMITTED;
      case PARTIALLY_FILLED -> RebalanceOrderStatus.PARTIALLY_FILLED;
      case FILLED -> RebalanceOrderStatus.FILLED;
      case CANCELLED -> RebalanceOrderStatus.CANCELLED;
      case REJECTED, DENIED -> RebalanceOrderStatus.REJECTED;
    };
  }

  static int recordFills(Handle handle, long planId) {
    return handle.createUpdate(RECORD_FILLS).bind("plan", planId).execute();
  }

  static void markSent(Handle handle, long orderId, UUID intentId, String actionKey, Instant now) {
    handle
        .createUpdate(MARK_SENT)
        .bind("intent", intentId)
        .bind("key", actionKey)
        .bind("now", EpochMicros.timestamp(now))
        .bind("order", orderId)
        .execute();
  }

  /** Orders never sent are never sent: cancelled. */
  static void cancelUnsent(Handle handle, long planId) {
    handle.createUpdate(CANCEL_UNSENT).bind("plan", planId).execute();
  }

  /**
   * Orders already handed to execution (an intent exists, not final): execution is asked to deny
   * the intent if not yet sent, or to cancel its open rest ({@link IntentCancellations}).
   */
  static void askToCancelSent(Handle handle, long planId) {
    List<UUID> intents =
        handle
            .createQuery(
                "SELECT intent_id FROM portfolio.rebalance_orders WHERE plan_id = :plan"
                    + " AND intent_id IS NOT NULL"
                    + " AND status IN ('pending', 'submitted', 'partially_filled')"
                    + " ORDER BY symbol")
            .bind("plan", planId)
            .mapTo(UUID.class)
            .list();
    try {
      for (UUID intent : intents) {
        IntentCancellations.request(
            handle.getConnection(), intent, "portfolio", "rebalance plan " + planId + " cancelled");
      }
    } catch (SQLException e) {
      throw new KrxTraderException(
          "cannot ask execution to cancel the plan's intents [plan=" + planId + "]", e);
    }
  }

  static void setState(Handle handle, long planId, PlanState state, Instant now) {
    String sql =
        switch (state) {
          case PlanState.Pending p -> SET_PENDING;
          case PlanState.Executing e -> SET_EXECUTING;
          case PlanState.Error e -> SET_ERROR;
          case PlanState.Done d -> SET_FINAL;
          case PlanState.Cancelled c -> SET_FINAL;
        };
    var update = handle.createUpdate(sql).bind("status", state.code()).bind("plan", planId);
    if (!(state instanceof PlanState.Pending)) {
      update.bind("now", EpochMicros.timestamp(now));
    }
    if (state instanceof PlanState.Error error) {
      update.bind("reason", error.reason());
    }
    update.execute();
  }

  static Optional<UUID> intentId(Handle handle, String actionKey) {
    return handle.createQuery(INTENT_BY_KEY).bind("key", actionKey).mapTo(UUID.class).findOne();
  }
}
