package io.krxtrader.trade.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.kis.CurrentPrice;
import io.krxtrader.kis.OrderRecord;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.system.Halt;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intents to broker orders against the simulator over HTTP: sent once, rejected with the broker's
 * words, denied before sending, and an ambiguous outcome found and linked instead of sent again.
 * The broker's own day (inquire-daily-ccld) is the witness.
 */
@ExtendWith(PostgresExtension.class)
class ExecutionIT {

  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final String ORDER_PATH = "/uapi/domestic-stock/v1/trading/order-cash";

  private final Database db;
  @TempDir Path home;
  ExecutionFixture f;

  ExecutionIT(Database db) {
    this.db = db;
  }

  @BeforeEach
  void start() {
    f = new ExecutionFixture(db, home, Execution.Hooks.none());
    // each test class shares its database: start from no intents
    Jdbi.create(db.admin())
        .useHandle(
            h -> {
              h.execute("DELETE FROM trade.orders");
              h.execute("DELETE FROM trade.order_intents");
            });
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private static OrderIntent buy(long qty, String key) {
    return OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, qty, "PICK", key);
  }

  @Test
  void an_intent_becomes_one_broker_order_with_its_number_and_whole_answer() throws SQLException {
    UUID id = f.insert(buy(3, "ENTRY:a"));

    Execution.Cycle cycle = f.execution.cycle(10);

    assertThat(cycle.sent()).isEqualTo(1);
    assertThat(f.status(id)).isEqualTo("SUBMITTED");
    List<OrderRecord> broker = f.brokerOrders();
    assertThat(broker).hasSize(1);
    assertThat(f.ordersOf(id)).containsExactly(broker.get(0).orderNumber().value());
    Map<String, Object> order =
        Jdbi.create(db.admin())
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT raw->>'msg_cd' AS msg, raw->'output'->>'ODNO' AS odno, branch,"
                                + " linked_by FROM trade.orders")
                        .mapToMap()
                        .one());
    assertThat(order)
        .containsEntry("odno", broker.get(0).orderNumber().value())
        .containsEntry("branch", "00950")
        .containsEntry("linked_by", "answer");
    assertThat(f.intent(id))
        .containsEntry("send_count", 1)
        .containsEntry("submit_term", f.leader.term().orElseThrow().number());
    // a second cycle sends nothing more
    assertThat(f.execution.cycle(10).sent()).isZero();
    assertThat(f.brokerOrders()).hasSize(1);
  }

  @Test
  void a_broker_refusal_is_rejected_with_its_code_and_message() throws SQLException {
    f.sim.simulator.faults().rejectNextOrders(1, "40070000", "모의투자 주문처리가 안되었습니다(매매불가 종목)");
    UUID id = f.insert(buy(1, "ENTRY:rej"));

    f.execution.cycle(10);

    assertThat(f.intent(id))
        .containsEntry("status", "REJECTED")
        .containsEntry("broker_msg_cd", "40070000")
        .containsEntry("broker_message", "모의투자 주문처리가 안되었습니다(매매불가 종목)");
    assertThat(f.ordersOf(id)).isEmpty();
  }

  @Test
  void checks_deny_before_anything_is_sent_and_record_why() throws SQLException {
    CurrentPrice price = f.client.quotations().currentPrice(SAMSUNG);
    UUID offGrid =
        f.insert(
            OrderIntent.limit(
                SAMSUNG, OrderSide.BUY, IntentType.ENTRY, 1, price.lowerLimit() + 1, "P", "k1"));
    UUID outside =
        f.insert(
            OrderIntent.limit(
                SAMSUNG, OrderSide.BUY, IntentType.ENTRY, 1, price.upperLimit() + 100, "P", "k2"));
    UUID oversell =
        f.insert(OrderIntent.market(SAMSUNG, OrderSide.SELL, IntentType.EXIT_FULL, 5, "SL", "k3"));
    UUID tooDear = f.insert(buy(10_000_000, "k4"));

    Execution.Cycle cycle = f.execution.cycle(10);

    assertThat(cycle.denied()).isEqualTo(4);
    assertThat(f.intent(offGrid)).containsEntry("status", "DENIED");
    assertThat((String) f.intent(offGrid).get("status_reason")).contains("tick grid");
    assertThat((String) f.intent(outside).get("status_reason")).contains("day's band");
    assertThat((String) f.intent(oversell).get("status_reason")).contains("sellable");
    assertThat((String) f.intent(tooDear).get("status_reason")).contains("orderable cash");
    assertThat(f.brokerOrders()).isEmpty();
  }

  @Test
  void entries_are_denied_while_halted_and_after_the_close_but_exits_are_not_halted()
      throws SQLException {
    f.insert(buy(1, "ENTRY:pre"));
    f.execution.cycle(10);
    boolean[] halted = {true};
    io.krxtrader.kis.KisExecutionBroker broker = new io.krxtrader.kis.KisExecutionBroker(f.client);
    Execution halting =
        new Execution(
            db,
            f.leader,
            broker,
            new PreTradeChecks(
                broker, io.krxtrader.krx.TradingCalendar.krx(), f.sim.clock, () -> halted[0]),
            f.sim.clock,
            Execution.Hooks.none());
    UUID entry = f.insert(buy(1, "ENTRY:halted"));
    UUID exit =
        f.insert(OrderIntent.market(SAMSUNG, OrderSide.SELL, IntentType.EXIT_FULL, 1, "SL", "x1"));

    halting.cycle(10);

    assertThat((String) f.intent(entry).get("status_reason")).contains("halted");
    assertThat(f.status(exit)).isEqualTo("SUBMITTED");

    f.sim.advance(Duration.ofHours(9)); // 18:00:30 KST: closed
    UUID late = f.insert(buy(1, "ENTRY:late"));
    f.execution.cycle(10);
    assertThat((String) f.intent(late).get("status_reason")).contains("market not open");
  }

  @Test
  void a_halt_with_exits_too_denies_sells_as_well_until_resume() throws SQLException {
    f.insert(buy(1, "ENTRY:pre-exits"));
    f.execution.cycle(10);
    Halt.Operator operator = new Halt.Operator("trader", "desk", 4242);
    UUID blocked =
        f.insert(OrderIntent.market(SAMSUNG, OrderSide.SELL, IntentType.EXIT_FULL, 1, "SL", "x2"));
    Halt.halt(db, Optional.of("broker drill"), true, operator, f.sim.clock);
    try {
      f.execution.cycle(10);
    } finally {
      Halt.resume(db, operator, f.sim.clock);
    }
    assertThat(f.status(blocked)).isEqualTo("DENIED");
    assertThat((String) f.intent(blocked).get("status_reason")).contains("sells halted too");
    assertThat(f.ordersOf(blocked)).isEmpty();

    UUID after =
        f.insert(OrderIntent.market(SAMSUNG, OrderSide.SELL, IntentType.EXIT_FULL, 1, "SL", "x3"));
    f.execution.cycle(10);
    assertThat(f.status(after)).isEqualTo("SUBMITTED");
  }

  @Test
  void a_lost_answer_is_found_at_the_broker_and_linked_not_sent_again() throws SQLException {
    f.sim.simulator.faults().loseNextOrderAnswers(1);
    UUID id = f.insert(buy(2, "ENTRY:lost"));

    f.execution.cycle(10);
    assertThat(f.status(id)).isEqualTo("UNKNOWN");
    assertThat(f.brokerOrders()).hasSize(1); // the broker has it all the same

    f.sim.advance(Duration.ofSeconds(1));
    Execution.Cycle cycle = f.execution.cycle(10);

    assertThat(cycle.linked()).isEqualTo(1);
    assertThat(f.status(id)).isEqualTo("SUBMITTED");
    assertThat(f.intent(id)).containsEntry("send_count", 1);
    assertThat(f.ordersOf(id)).containsExactly(f.brokerOrders().get(0).orderNumber().value());
    f.sim.advance(Duration.ofSeconds(30));
    f.execution.cycle(10);
    assertThat(f.brokerOrders()).hasSize(1);
  }

  @Test
  void an_order_the_broker_never_saw_is_resent_exactly_once_after_two_empty_looks()
      throws SQLException {
    f.sim.simulator.faults().failNext(ORDER_PATH, 500, "<html>502 Bad Gateway</html>");
    UUID id = f.insert(buy(2, "ENTRY:true-loss"));

    f.execution.cycle(10); // send fails before the broker: UNKNOWN, nothing at the broker
    assertThat(f.status(id)).isEqualTo("UNKNOWN");
    assertThat(f.brokerOrders()).isEmpty();

    f.execution.cycle(10); // first empty look
    assertThat(f.intent(id)).containsEntry("empty_checks", 1);
    f.sim.advance(Duration.ofSeconds(2));
    f.execution.cycle(10); // too soon: not a second look
    assertThat(f.intent(id)).containsEntry("empty_checks", 1);
    f.sim.advance(Duration.ofSeconds(4));
    f.execution.cycle(10); // 6 s after the first, but a send could still be in flight
    assertThat(f.intent(id)).containsEntry("empty_checks", 1);
    assertThat(f.brokerOrders()).isEmpty();

    f.sim.advance(f.settle());
    f.execution.cycle(10); // past the longest call: the deciding look, checked and resent

    assertThat(f.status(id)).isEqualTo("SUBMITTED");
    assertThat(f.intent(id)).containsEntry("send_count", 2);
    assertThat(f.brokerOrders()).hasSize(1);
    f.sim.advance(Duration.ofSeconds(30));
    f.execution.cycle(10);
    assertThat(f.brokerOrders()).hasSize(1);
  }

  @Test
  void an_order_that_lands_after_the_first_empty_look_but_within_the_call_limit_is_linked()
      throws SQLException {
    // The closing note's hole: with only CHECK_GAP between the looks, the look at 6 s resent while
    // the first send (a predecessor's slow call) could still land.
    f.sim.simulator.faults().failNext(ORDER_PATH, 500, "<html>502 Bad Gateway</html>");
    UUID id = f.insert(buy(3, "ENTRY:late-landing"));
    f.execution.cycle(10); // UNKNOWN
    f.execution.cycle(10); // first empty look
    assertThat(f.intent(id)).containsEntry("empty_checks", 1);
    f.sim.advance(Duration.ofSeconds(6));
    f.execution.cycle(10); // CHECK_GAP later: not deciding, nothing resent
    assertThat(f.brokerOrders()).isEmpty();

    // the slow call lands now, within the client's limit of the submit time
    assertThat(
            f.client
                .trading()
                .place(io.krxtrader.kis.OrderRequest.market(OrderSide.BUY, SAMSUNG, 3)))
        .isInstanceOf(io.krxtrader.kis.OrderResult.Accepted.class);
    f.sim.advance(Duration.ofSeconds(1));
    Execution.Cycle cycle = f.execution.cycle(10);

    assertThat(cycle.linked()).isEqualTo(1);
    assertThat(f.status(id)).isEqualTo("SUBMITTED");
    assertThat(f.intent(id)).containsEntry("send_count", 1);
    f.sim.advance(f.settle());
    f.execution.cycle(10);
    assertThat(f.brokerOrders()).hasSize(1);
  }

  @Test
  void one_broker_order_that_two_unresolved_intents_could_own_holds_both() throws SQLException {
    f.sim.simulator.faults().loseNextOrderAnswers(1);
    f.sim.simulator.faults().failNext(ORDER_PATH, 500, "<html>502 Bad Gateway</html>");
    // the first send fails before the broker, the second is taken and its answer lost
    UUID first = f.insert(buy(4, "ENTRY:twin-1"));
    UUID second = f.insert(buy(4, "ENTRY:twin-2"));

    f.execution.cycle(10);
    assertThat(f.brokerOrders()).hasSize(1);
    f.execution.cycle(10);

    assertThat(f.status(first)).isEqualTo("HELD");
    assertThat(f.status(second)).isEqualTo("HELD");
    assertThat((String) f.intent(first).get("status_reason")).contains("operator");
    assertThat(f.ordersOf(first)).isEmpty();
    assertThat(f.ordersOf(second)).isEmpty();
    f.sim.advance(Duration.ofSeconds(30));
    f.execution.cycle(10);
    assertThat(f.brokerOrders()).hasSize(1);
  }

  @Test
  void an_answer_later_than_the_clients_timeout_is_unknown_then_found() throws SQLException {
    try (io.krxtrader.kis.KisClient impatient =
        io.krxtrader.kis.KisClient.open(
            f.config().withTimeout(Duration.ofMillis(400)), f.sim.clock, f.sim.wall)) {
      io.krxtrader.kis.KisExecutionBroker broker =
          new io.krxtrader.kis.KisExecutionBroker(impatient);
      Execution execution =
          new Execution(
              db,
              f.leader,
              broker,
              new PreTradeChecks(
                  broker, io.krxtrader.krx.TradingCalendar.krx(), f.sim.clock, EntriesHalted.NEVER),
              f.sim.clock,
              Execution.Hooks.none());
      execution.cycle(10); // start-up recovery (and the token) before the fault is armed
      f.sim.simulator.faults().delayNextOrderAnswers(1, Duration.ofMillis(1_500));
      UUID id = f.insert(buy(6, "ENTRY:late-answer"));

      execution.cycle(10);
      assertThat(f.status(id)).isEqualTo("UNKNOWN");
      assertThat((String) f.intent(id).get("status_reason")).contains("outcome unknown");

      f.sim.advance(Duration.ofSeconds(1));
      assertThat(execution.cycle(10).linked()).isEqualTo(1);
      assertThat(f.status(id)).isEqualTo("SUBMITTED");
      assertThat(f.brokerOrders()).hasSize(1);
    }
  }

  @Test
  void a_standby_execution_process_sends_nothing_and_a_successor_sends_each_intent_once()
      throws SQLException {
    try (io.krxtrader.system.Leadership standby =
        io.krxtrader.system.Leadership.elect(
            db, io.krxtrader.system.LeaderName.EXECUTION, "execution-standby", f.sim.clock)) {
      io.krxtrader.kis.KisExecutionBroker broker =
          new io.krxtrader.kis.KisExecutionBroker(f.client);
      Execution second =
          new Execution(
              db,
              standby,
              broker,
              new PreTradeChecks(
                  broker, io.krxtrader.krx.TradingCalendar.krx(), f.sim.clock, EntriesHalted.NEVER),
              f.sim.clock,
              Execution.Hooks.none());
      UUID one = f.insert(buy(1, "ENTRY:s1"));
      assertThat(standby.isLeading()).isFalse();
      assertThat(second.cycle(10).blocked()).contains("not the execution leader");
      assertThat(f.status(one)).isEqualTo("NEW");

      f.execution.cycle(10);
      UUID two = f.insert(buy(2, "ENTRY:s2"));
      f.leader.close(); // the leader dies; the standby takes over in a newer term
      assertThat(standby.tick()).isInstanceOf(io.krxtrader.system.Leadership.Leading.class);
      second.cycle(10);

      assertThat(f.status(one)).isEqualTo("SUBMITTED");
      assertThat(f.status(two)).isEqualTo("SUBMITTED");
      assertThat(f.brokerOrders()).hasSize(2);
      // the old execution cannot write any more: its term is over
      assertThat(f.execution.cycle(10).blocked()).contains("not the execution leader");
    }
  }
}
