package io.krxtrader.trade.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.kis.KisExecutionBroker;
import io.krxtrader.kis.OrderRecord;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.trade.IntentCancellations;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
 * Fills from the broker's day into fills and positions, against the simulator: one row per fill
 * however often it is seen, buys re-average, sells realise P&L and close at 0, a cancelled rest
 * cancels the intent. The ledger is computed by hand from the broker's own amounts.
 */
@ExtendWith(PostgresExtension.class)
class FillsIT {

  private static final Symbol SAMSUNG = Symbol.of("005930");

  private final Database db;
  @TempDir Path home;
  ExecutionFixture f;
  Fills fills;

  FillsIT(Database db) {
    this.db = db;
  }

  @BeforeEach
  void start() {
    f = new ExecutionFixture(db, home, Execution.Hooks.none());
    Jdbi.create(db.admin())
        .useHandle(
            h -> {
              h.execute("DELETE FROM trade.fills");
              h.execute("DELETE FROM trade.orders");
              h.execute("DELETE FROM trade.intent_cancellations");
              h.execute("DELETE FROM trade.order_intents");
              h.execute("DELETE FROM trade.positions");
            });
    fills = new Fills(db, new KisExecutionBroker(f.client), f.sim.clock, "paper");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private Map<String, Object> position(UUID id) {
    return Jdbi.create(db.admin())
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT qty, avg_price, status, version FROM trade.positions"
                            + " WHERE position_id = ?")
                    .bind(0, id)
                    .mapToMap()
                    .one());
  }

  private OrderRecord broker(UUID intent) {
    String id = f.ordersOf(intent).get(0);
    return f.brokerOrders().stream()
        .filter(o -> o.orderNumber().value().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private long fillRows() {
    return Jdbi.create(db.admin())
        .withHandle(h -> h.createQuery("SELECT count(*) FROM trade.fills").mapTo(Long.class).one());
  }

  @Test
  void buys_open_and_re_average_sells_realise_and_close_each_fill_recorded_once()
      throws SQLException {
    var term = f.leader.term().orElseThrow();
    UUID entry =
        f.insert(OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, 10, "P", "E1"));
    f.execution.cycle(10);
    assertThat(fills.poll(term)).isEqualTo(1);
    assertThat(fills.poll(term)).isZero(); // seen again: still one row
    UUID position = Fills.entryPosition(entry);
    OrderRecord first = broker(entry);
    BigDecimal avg1 =
        BigDecimal.valueOf(first.filledAmount())
            .divide(BigDecimal.valueOf(10), 4, RoundingMode.HALF_EVEN);
    assertThat(position(position)).containsEntry("qty", 10L).containsEntry("status", "OPEN");
    assertThat((BigDecimal) position(position).get("avg_price")).isEqualByComparingTo(avg1);
    assertThat(f.status(entry)).isEqualTo("FILLED");

    UUID add =
        f.insert(OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.REBALANCE, 5, "R", "R1"));
    f.execution.cycle(10);
    fills.poll(term);
    OrderRecord second = broker(add);
    BigDecimal avg2 =
        avg1.multiply(BigDecimal.TEN)
            .add(
                BigDecimal.valueOf(second.filledAmount())
                    .divide(BigDecimal.valueOf(5), 4, RoundingMode.HALF_EVEN)
                    .multiply(BigDecimal.valueOf(5)))
            .divide(BigDecimal.valueOf(15), 4, RoundingMode.HALF_EVEN);
    assertThat(position(position)).containsEntry("qty", 15L).containsEntry("version", 2);
    assertThat((BigDecimal) position(position).get("avg_price")).isEqualByComparingTo(avg2);

    UUID exit =
        f.insert(
            OrderIntent.market(SAMSUNG, OrderSide.SELL, IntentType.EXIT_FULL, 15, "SL", "X1")
                .forPosition(position));
    f.execution.cycle(10);
    fills.poll(term);
    OrderRecord sold = broker(exit);
    BigDecimal sellPrice =
        BigDecimal.valueOf(sold.filledAmount())
            .divide(BigDecimal.valueOf(15), 4, RoundingMode.HALF_EVEN);
    assertThat(position(position)).containsEntry("qty", 0L).containsEntry("status", "CLOSED");
    BigDecimal realized =
        Jdbi.create(db.admin())
            .withHandle(
                h ->
                    h.createQuery("SELECT realized_pnl FROM trade.fills WHERE side = 'SELL'")
                        .mapTo(BigDecimal.class)
                        .one());
    assertThat(realized)
        .isEqualByComparingTo(sellPrice.subtract(avg2).multiply(BigDecimal.valueOf(15)));
    assertThat(fillRows()).isEqualTo(3);
    assertThat(fills.poll(term)).isZero();
    assertThat(fillRows()).isEqualTo(3);
  }

  @Test
  void a_resting_order_cancelled_at_the_broker_cancels_its_intent() throws SQLException {
    var term = f.leader.term().orElseThrow();
    long low = new KisExecutionBroker(f.client).quote(SAMSUNG).limits().lower();
    UUID rest =
        f.insert(OrderIntent.limit(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, 3, low, "P", "E2"));
    f.execution.cycle(10);
    fills.poll(term);
    assertThat(f.status(rest)).isEqualTo("SUBMITTED");
    String branch =
        Jdbi.create(db.admin())
            .withHandle(
                h -> h.createQuery("SELECT branch FROM trade.orders").mapTo(String.class).one());
    Placement cancel = new KisExecutionBroker(f.client).cancel(f.ordersOf(rest).get(0), branch);
    assertThat(cancel).isInstanceOf(Placement.Accepted.class);

    fills.poll(term);

    assertThat(f.status(rest)).isEqualTo("CANCELLED");
    List<String> status =
        Jdbi.create(db.admin())
            .withHandle(
                h -> h.createQuery("SELECT status FROM trade.orders").mapTo(String.class).list());
    assertThat(status).containsExactly("CANCELLED");
    assertThat(fillRows()).isZero();
  }

  @Test
  void an_unfilled_limit_order_is_cancelled_after_the_timeout_and_not_before() throws SQLException {
    var term = f.leader.term().orElseThrow();
    long low = new KisExecutionBroker(f.client).quote(SAMSUNG).limits().lower();
    UUID rest =
        f.insert(OrderIntent.limit(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, 2, low, "P", "E3"));
    f.execution.cycle(10);

    f.sim.advance(java.time.Duration.ofSeconds(30));
    assertThat(fills.cancelStale(term, java.time.Duration.ofSeconds(60))).isZero();
    fills.poll(term);
    assertThat(f.status(rest)).isEqualTo("SUBMITTED");

    f.sim.advance(java.time.Duration.ofSeconds(31));
    assertThat(fills.cancelStale(term, java.time.Duration.ofSeconds(60))).isEqualTo(1);
    fills.poll(term);

    assertThat(f.status(rest)).isEqualTo("CANCELLED");
    assertThat((String) f.intent(rest).get("status_reason"))
        .contains("cancel of the rest accepted");
    assertThat(fills.cancelStale(term, java.time.Duration.ZERO)).isZero();
  }

  @Test
  void a_cancellation_asked_for_by_the_creator_denies_an_unsent_intent_and_cancels_a_sent_one()
      throws SQLException {
    var term = f.leader.term().orElseThrow();
    long low = new KisExecutionBroker(f.client).quote(SAMSUNG).limits().lower();
    UUID sent =
        f.insert(
            OrderIntent.limit(SAMSUNG, OrderSide.BUY, IntentType.REBALANCE, 2, low, "R", "R7:A"));
    f.execution.cycle(10);
    assertThat(f.status(sent)).isEqualTo("SUBMITTED");
    UUID unsent =
        f.insert(OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.REBALANCE, 1, "R", "R7:B"));
    try (Connection portfolio = db.dataSource(ModuleRole.PORTFOLIO).getConnection()) {
      for (UUID intent : List.of(sent, unsent)) {
        assertThat(
                IntentCancellations.request(
                    portfolio, intent, "portfolio", "rebalance plan 7 cancelled"))
            .isTrue();
      }
      assertThat(IntentCancellations.request(portfolio, sent, "portfolio", "again")).isFalse();
    }

    f.execution.cycle(10);
    assertThat(f.status(unsent)).isEqualTo("DENIED");
    assertThat((String) f.intent(unsent).get("status_reason"))
        .isEqualTo("cancelled before it was sent: rebalance plan 7 cancelled (asked by portfolio)");
    assertThat(f.ordersOf(unsent)).isEmpty();

    assertThat(fills.cancelRequested(term)).isEqualTo(1);
    fills.poll(term);
    assertThat(f.status(sent)).isEqualTo("CANCELLED");
    assertThat(fills.cancelRequested(term)).isZero();
  }
}
