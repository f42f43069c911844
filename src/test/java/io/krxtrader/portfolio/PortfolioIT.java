package io.krxtrader.portfolio;

import static io.krxtrader.portfolio.Fixtures.HYNIX;
import static io.krxtrader.portfolio.Fixtures.KAKAO;
import static io.krxtrader.portfolio.Fixtures.LG_CHEM;
import static io.krxtrader.portfolio.Fixtures.SAMSUNG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.db.Database;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.TestClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portfolio against a real PostgreSQL: holdings, prices, fills and intent statuses are written
 * as admin the way execution and PriceSync would.
 */
@ExtendWith(PostgresExtension.class)
class PortfolioIT {

  private static final String TARGETS =
      """
      symbol,weight,effective_date
      005930,0.2,2026-12-01
      000660,0.2,2026-12-01
      035720,0.3,2026-12-01
      051910,0.3,2026-12-01
      """;

  private final Database db;
  private final Jdbi admin;
  private final TestClock clock = new TestClock(Fixtures.AT);
  private Portfolio portfolio;
  private Leadership leader;

  @TempDir Path dir;

  PortfolioIT(Database db) {
    this.db = db;
    this.admin = Jdbi.create(db.admin());
  }

  @BeforeEach
  void setUp() throws IOException {
    admin.useHandle(
        h ->
            h.execute(
                """
                TRUNCATE portfolio.rebalance_execution, portfolio.rebalance_orders,
                         portfolio.rebalance_plan, portfolio.portfolio_positions,
                         portfolio.portfolio_snapshot, portfolio.target_weights,
                         portfolio.portfolio_policy, trade.fills, trade.orders,
                         trade.order_intents, trade.holdings, market.prices_best,
                         observer.swing_bars_10m CASCADE
                """));
    portfolio =
        new Portfolio(
            db, clock, Duration.ofSeconds(5), Universe.defaultUniverse(), TradingCalendar.krx());
    assertThat(portfolio.createPolicy(Fixtures.policy("0.4"))).isTrue();
    portfolio.loadTargets("balanced", file("targets.csv", TARGETS));
    leader = Leadership.elect(db, LeaderName.PORTFOLIO, "portfolio-it", clock);
  }

  @AfterEach
  void tearDown() {
    leader.close();
  }

  private Term term() {
    return leader.term().orElseThrow();
  }

  private Path file(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** The fixture's holdings; Kakao's best price is stale, LG Chem has only a bar. */
  private void market() {
    admin.useHandle(
        h -> {
          holding(h, SAMSUNG, 10, "65000");
          holding(h, HYNIX, 5, "210000");
          holding(h, KAKAO, 40, "48000");
          best(h, SAMSUNG, "70000", Fixtures.AT.minusSeconds(1));
          best(h, HYNIX, "200000", Fixtures.AT.minusSeconds(5));
          best(h, KAKAO, "51000", Fixtures.AT.minusSeconds(6));
          bar(h, KAKAO, "49000", Fixtures.AT.minusSeconds(1200));
          bar(h, KAKAO, "50000", Fixtures.AT.minusSeconds(60));
          bar(h, KAKAO, "52000", Fixtures.AT.plusSeconds(540));
          bar(h, LG_CHEM, "300000", Fixtures.AT.minusSeconds(60));
        });
  }

  private static void holding(org.jdbi.v3.core.Handle h, Symbol s, long qty, String avg) {
    h.execute(
        "INSERT INTO trade.holdings (account_id, symbol, qty, avg_price) VALUES ('acct', ?, ?, ?)",
        s.code(),
        qty,
        new BigDecimal(avg));
  }

  private static void best(org.jdbi.v3.core.Handle h, Symbol s, String price, Instant ts) {
    h.execute(
        "INSERT INTO market.prices_best (symbol, ts, source, last_price, freshness_ms,"
            + " quality_score) VALUES (?, ?, 'KIS_WS', ?, 0, 90)",
        s.code(),
        EpochMicros.timestamp(ts),
        new BigDecimal(price));
  }

  private static void bar(org.jdbi.v3.core.Handle h, Symbol s, String close, Instant time) {
    BigDecimal c = new BigDecimal(close);
    h.execute(
        "INSERT INTO observer.swing_bars_10m (symbol, bar_time, open, high, low, close, volume,"
            + " session_id) VALUES (?, ?, ?, ?, ?, ?, 1, 'it')",
        s.code(),
        EpochMicros.timestamp(time),
        c,
        c,
        c,
        c);
  }

  private Map<String, Object> intent(long planId, Symbol symbol) {
    return admin.withHandle(
        h ->
            h.createQuery(
                    "SELECT intent_id, side, intent_type, qty, order_type, limit_price, status,"
                        + " created_by, leader_term FROM trade.order_intents WHERE action_key = ?")
                .bind(0, Portfolio.actionKey(planId, symbol))
                .mapToMap()
                .findOne()
                .orElse(null));
  }

  /** Execution's part: a broker order, a fill, the intent's status. */
  private void fill(long planId, Symbol symbol, long qty, String price, String fee, String status) {
    UUID intent = (UUID) intent(planId, symbol).get("intent_id");
    String order = "ORD-" + planId + "-" + symbol.code();
    admin.useHandle(
        h -> {
          h.execute(
              "INSERT INTO trade.orders (order_id, intent_id, status) VALUES (?, ?, 'SUBMITTED')"
                  + " ON CONFLICT DO NOTHING",
              order,
              intent);
          h.execute(
              "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, fee, tax)"
                  + " VALUES (?, ?, ?, ?, ?, ?, 0)",
              UUID.randomUUID(),
              order,
              EpochMicros.timestamp(clock.instant()),
              qty,
              new BigDecimal(price),
              new BigDecimal(fee));
          h.execute(
              "UPDATE trade.order_intents SET status = ? WHERE intent_id = ?", status, intent);
        });
  }

  private PlanView approvedPlan() throws SQLException {
    market();
    Snapshot snapshot = portfolio.snapshot("balanced", 1_300_000);
    Portfolio.PlanOutcome outcome = portfolio.plan(snapshot.snapshotId(), "on demand");
    assertThat(outcome).isInstanceOf(Portfolio.Created.class);
    long planId = ((Portfolio.Created) outcome).plan().planId();
    return portfolio.approve(planId, term());
  }

  @Test
  void the_weights_in_force_are_the_latest_effective_set_and_a_bad_file_stores_nothing()
      throws IOException {
    portfolio.loadTargets(
        "balanced",
        file(
            "later.json",
            """
            [{"symbol": "005930", "weight": 0.4, "effective_date": "2026-12-10"},
             {"symbol": "000660", "weight": 0.3, "effective_date": "2026-12-10"},
             {"symbol": "035720", "weight": 0.3, "effective_date": "2026-12-10"}]
            """));

    assertThat(portfolio.targetsInForce("balanced", LocalDate.parse("2026-11-30"))).isEmpty();
    assertThat(portfolio.targetsInForce("balanced", LocalDate.parse("2026-12-09")))
        .extracting(TargetWeight::symbol)
        .containsExactly(HYNIX, SAMSUNG, KAKAO, LG_CHEM);
    assertThat(portfolio.targetsInForce("balanced", LocalDate.parse("2026-12-10")))
        .extracting(TargetWeight::symbol, TargetWeight::weight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(HYNIX, new BigDecimal("0.3")),
            org.assertj.core.groups.Tuple.tuple(SAMSUNG, new BigDecimal("0.4")),
            org.assertj.core.groups.Tuple.tuple(KAKAO, new BigDecimal("0.3")));

    Path bad =
        file(
            "bad.csv",
            """
            symbol,weight,effective_date
            005930,0.6,2026-12-20
            000660,0.4,2026-12-20
            """);
    assertThatThrownBy(() -> portfolio.loadTargets("balanced", bad))
        .isInstanceOf(TargetFileException.class)
        .hasMessageContaining("bad.csv:2: weight: 0.6 is over max_position_pct 0.4");
    assertThat(portfolio.targetsInForce("balanced", LocalDate.parse("2026-12-20")))
        .extracting(TargetWeight::effectiveDate)
        .containsOnly(LocalDate.parse("2026-12-10"));
  }

  @Test
  void a_snapshot_values_holdings_at_fresh_best_prices_else_the_latest_bar_close() {
    market();

    Snapshot snapshot = portfolio.snapshot("balanced", 1_300_000);

    Valuation v = snapshot.valuation();
    assertThat(v.total()).isEqualByComparingTo("5000000");
    assertThat(v.invested()).isEqualByComparingTo("3700000");
    assertThat(v.drift()).isEqualByComparingTo("0.321869538789");
    assertThat(v.positions())
        .extracting(Position::symbol, Position::priceSource, p -> p.marketPrice().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                HYNIX, PriceSource.BEST_PRICE, new BigDecimal("200000.0000")),
            org.assertj.core.groups.Tuple.tuple(
                SAMSUNG, PriceSource.BEST_PRICE, new BigDecimal("70000.0000")),
            // its best price is 6 s old (stale after 5 s): the 09:30 bar, not the later one.
            org.assertj.core.groups.Tuple.tuple(
                KAKAO, PriceSource.BAR_CLOSE, new BigDecimal("50000.0000")),
            org.assertj.core.groups.Tuple.tuple(
                LG_CHEM, PriceSource.BAR_CLOSE, new BigDecimal("300000.0000")));
    assertThat(v.positions().get(3).quantity()).isZero();
    List<Map<String, Object>> summary =
        admin.withHandle(
            h ->
                h.createQuery(
                        "SELECT symbol, target_weight, weight_diff FROM"
                            + " portfolio.portfolio_positions_summary WHERE snapshot_id = ?"
                            + " ORDER BY symbol")
                    .bind(0, snapshot.snapshotId())
                    .mapToMap()
                    .list());
    assertThat(summary).hasSize(4);
    assertThat((BigDecimal) summary.get(2).get("weight_diff")).isEqualByComparingTo("0.1");
    assertThat(portfolio.check()).isEmpty();
  }

  @Test
  void an_approved_plan_sends_sells_then_buys_and_is_done_when_every_order_is_final()
      throws SQLException {
    PlanView plan = approvedPlan();
    long id = plan.planId();

    assertThat(plan.state()).isEqualTo(new PlanState.Executing());
    assertThat(intent(id, KAKAO))
        .containsEntry("side", "SELL")
        .containsEntry("intent_type", "REBALANCE")
        .containsEntry("qty", 10L)
        .containsEntry("order_type", "LMT")
        .containsEntry("status", "NEW")
        .containsEntry("created_by", "portfolio")
        .containsEntry("leader_term", term().number());
    assertThat((BigDecimal) intent(id, KAKAO).get("limit_price")).isEqualByComparingTo("50000");
    assertThat(intent(id, SAMSUNG)).as("buys wait for the sells").isNull();

    fill(id, KAKAO, 10, "49950", "120", "FILLED");
    plan = portfolio.advance(id, term());

    assertThat(plan.state()).isEqualTo(new PlanState.Executing());
    OrderView sell = plan.orders().get(0);
    assertThat(sell.status()).isEqualTo(RebalanceOrderStatus.FILLED);
    assertThat(sell.filledQuantity()).isEqualTo(10);
    assertThat(sell.commission()).isEqualByComparingTo("120");
    // sold 50 won under the planned 50,000, ten times.
    assertThat(sell.slippage()).isEqualByComparingTo("500");
    assertThat(intent(id, SAMSUNG)).containsEntry("side", "BUY").containsEntry("qty", 4L);
    assertThat(intent(id, LG_CHEM)).containsEntry("side", "BUY").containsEntry("qty", 5L);

    fill(id, SAMSUNG, 4, "70000", "80", "FILLED");
    fill(id, LG_CHEM, 2, "300500", "50", "PARTIALLY_FILLED");
    assertThat(portfolio.advance(id, term()).state()).isEqualTo(new PlanState.Executing());
    fill(id, LG_CHEM, 3, "300000", "70", "FILLED");
    portfolio.advance(id, term());
    plan = portfolio.advance(id, term());

    assertThat(plan.state()).isEqualTo(new PlanState.Done());
    assertThat(plan.orders()).allMatch(OrderView::isFinal);
    OrderView lg = plan.orders().get(2);
    assertThat(lg.filledQuantity()).isEqualTo(5);
    assertThat(lg.slippage()).isEqualByComparingTo("1000");
    long executions =
        admin.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM portfolio.rebalance_execution")
                    .mapTo(Long.class)
                    .one());
    assertThat(executions).isEqualTo(4);
    assertThat(portfolio.check()).isEmpty();
  }

  @Test
  void cancel_stops_the_orders_not_yet_sent() throws SQLException {
    PlanView plan = approvedPlan();

    PlanView cancelled = portfolio.cancel(plan.planId());

    assertThat(cancelled.state()).isEqualTo(new PlanState.Cancelled());
    assertThat(cancelled.orders())
        .extracting(OrderView::symbol, o -> o.status().code())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(KAKAO, "pending"),
            org.assertj.core.groups.Tuple.tuple(SAMSUNG, "cancelled"),
            org.assertj.core.groups.Tuple.tuple(LG_CHEM, "cancelled"));
    assertThat(portfolio.advance(plan.planId(), term()).state())
        .isEqualTo(new PlanState.Cancelled());
    assertThat(intent(plan.planId(), SAMSUNG)).isNull();
    // the sell already handed to execution: execution is asked to withdraw it
    List<String> asked =
        admin.withHandle(
            h ->
                h.createQuery(
                        "SELECT c.requested_by || ': ' || c.reason"
                            + " FROM trade.intent_cancellations c"
                            + " JOIN trade.order_intents i USING (intent_id)"
                            + " WHERE i.action_key = ?")
                    .bind(0, Portfolio.actionKey(plan.planId(), KAKAO))
                    .mapTo(String.class)
                    .list());
    assertThat(asked).containsExactly("portfolio: rebalance plan " + plan.planId() + " cancelled");
    assertThatThrownBy(() -> portfolio.approve(plan.planId(), term()))
        .isInstanceOf(PlanRefusedException.class)
        .hasMessage("plan is cancelled: cannot approve it [plan=" + plan.planId() + "]");
  }

  @Test
  void a_rejected_order_puts_the_plan_in_error_with_the_reason() throws SQLException {
    PlanView plan = approvedPlan();
    admin.useHandle(
        h ->
            h.execute(
                "UPDATE trade.order_intents SET status = 'REJECTED' WHERE action_key = ?",
                Portfolio.actionKey(plan.planId(), KAKAO)));

    PlanView error = portfolio.advance(plan.planId(), term());

    assertThat(error.state())
        .isEqualTo(new PlanState.Error("order rejected or denied: SELL 10 035720"));
    assertThat(error.orders())
        .extracting(OrderView::status)
        .containsExactly(
            RebalanceOrderStatus.REJECTED,
            RebalanceOrderStatus.CANCELLED,
            RebalanceOrderStatus.CANCELLED);
    assertThat(portfolio.check()).isEmpty();
  }

  @Test
  void one_plan_at_a_time_and_a_stale_term_stores_nothing() throws SQLException {
    market();
    Snapshot snapshot = portfolio.snapshot("balanced", 1_300_000);
    long planId =
        ((Portfolio.Created) portfolio.plan(snapshot.snapshotId(), "first")).plan().planId();
    assertThat(portfolio.plan(snapshot.snapshotId(), "second"))
        .isEqualTo(new Portfolio.OpenPlanExists(planId));

    Term old = term();
    leader.close();
    leader = Leadership.elect(db, LeaderName.PORTFOLIO, "portfolio-it-2", clock);
    assertThatThrownBy(() -> portfolio.approve(planId, old))
        .isInstanceOf(io.krxtrader.system.StaleTermException.class);
    assertThat(portfolio.findPlan(planId).orElseThrow().state()).isEqualTo(new PlanState.Pending());
    assertThat(intent(planId, KAKAO)).isNull();
  }

  @Test
  void the_schedule_takes_the_0931_snapshot_once_and_plans_when_drift_exceeds_the_threshold() {
    market();
    clock.set(Fixtures.AT.minusSeconds(60));
    assertThat(portfolio.runDue(() -> 1_300_000)).isEmpty();

    clock.set(Fixtures.AT);
    List<Portfolio.ScheduledRun> runs = portfolio.runDue(() -> 1_300_000);

    assertThat(runs)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.snapshot().valuation().drift()).isEqualByComparingTo("0.321869538789");
              assertThat(r.plan()).containsInstanceOf(Portfolio.Created.class);
            });
    clock.advance(Duration.ofHours(1));
    assertThat(portfolio.runDue(() -> 1_300_000)).isEmpty();
  }
}
