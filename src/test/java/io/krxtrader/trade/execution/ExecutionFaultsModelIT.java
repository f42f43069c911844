package io.krxtrader.trade.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.kis.KisExecutionBroker;
import io.krxtrader.kis.OrderRecord;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.PriceLimits;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import io.krxtrader.trade.PriceType;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random faults and crashes against the simulator (seed printed; rerun with
 * -Dexecution.seed=N). Each intent draws one fault for its first send: none, a broker refusal, the
 * answer lost after the order is on the book, a server error before the broker sees it, a crash
 * after SUBMITTING is committed, or a crash after the broker accepted it (before SUBMITTED). A
 * crash ends the process: a new {@link Execution} in a new term recovers. At the end the broker's
 * own day is the witness: every intent has exactly one broker order or a recorded reason why none
 * (REJECTED, DENIED, or HELD when it was claimed twice and never seen at the broker, e.g. a crash
 * before its first send and then a true loss of the second), and no intent reached the broker
 * twice.
 */
@ExtendWith(PostgresExtension.class)
class ExecutionFaultsModelIT {

  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final String ORDER_PATH = "/uapi/domestic-stock/v1/trading/order-cash";

  enum Fault {
    NONE,
    REJECT,
    LOSE_ANSWER,
    FAIL_BEFORE_BROKER,
    CRASH_AFTER_SUBMITTING,
    CRASH_AFTER_ACCEPT
  }

  static final class Crash extends RuntimeException {
    Crash(String message) {
      super(message);
    }
  }

  @TempDir Path home;

  @Test
  void no_intent_is_lost_or_sent_twice_under_random_faults_and_crashes(Database db)
      throws SQLException {
    long seed = Long.getLong("execution.seed", System.nanoTime());
    System.out.println("ExecutionFaultsModelIT seed=" + seed);
    Random random = new Random(seed);
    int intents = 24;
    Map<Long, Fault> faultByQty = new HashMap<>();
    Map<UUID, Long> qtyOf = new HashMap<>();
    Set<Long> armed = new HashSet<>();
    Map<Fault, Integer> drawn = new HashMap<>();
    int[] crashes = {0};

    Execution.Hooks hooks =
        (point, intent) -> {
          Long qty = qtyOf.get(intent);
          Fault fault = qty == null ? Fault.NONE : faultByQty.get(qty);
          boolean crash =
              point == Execution.Point.SUBMITTING_COMMITTED && fault == Fault.CRASH_AFTER_SUBMITTING
                  || point == Execution.Point.BROKER_ACCEPTED && fault == Fault.CRASH_AFTER_ACCEPT;
          if (crash && armed.add(qty)) {
            crashes[0]++;
            throw new Crash("crash at " + point + " [intent=" + intent + "]");
          }
        };
    try (ExecutionFixture f = new ExecutionFixture(db, home, hooks)) {
      // Faults of the simulator armed just before the order of the intent that drew them.
      Broker faulty =
          new Broker() {
            final KisExecutionBroker inner = new KisExecutionBroker(f.client);

            @Override
            public Placement place(OrderToSend order) {
              Fault fault = faultByQty.get(order.quantity());
              if (fault != null && armed.add(order.quantity() * 1_000)) {
                switch (fault) {
                  case REJECT ->
                      f.sim.simulator.faults().rejectNextOrders(1, "40070000", "매매불가 종목");
                  case LOSE_ANSWER -> f.sim.simulator.faults().loseNextOrderAnswers(1);
                  case FAIL_BEFORE_BROKER ->
                      f.sim.simulator.faults().failNext(ORDER_PATH, 500, "<html>502</html>");
                  default -> {}
                }
              }
              return inner.place(order);
            }

            @Override
            public java.time.Duration longestCall() {
              return inner.longestCall();
            }

            @Override
            public Placement cancel(String orderId, String branch) {
              return inner.cancel(orderId, branch);
            }

            @Override
            public List<BrokerOrder> dayOrders(LocalDate day) {
              return inner.dayOrders(day);
            }

            @Override
            public List<BrokerHolding> holdings() {
              return inner.holdings();
            }

            @Override
            public DayQuote quote(Symbol symbol) {
              return inner.quote(symbol);
            }

            @Override
            public long sellableQuantity(Symbol symbol) {
              return inner.sellableQuantity(symbol);
            }

            @Override
            public long buyableQuantity(Symbol symbol, long price, PriceType priceType) {
              return inner.buyableQuantity(symbol, price, priceType);
            }
          };
      Runnable restart =
          () -> {
            f.restart(hooks);
            f.execution =
                new Execution(
                    db,
                    f.leader,
                    faulty,
                    new PreTradeChecks(
                        faulty, TradingCalendar.krx(), f.sim.clock, EntriesHalted.NEVER),
                    f.sim.clock,
                    hooks);
          };
      restart.run();

      PriceLimits band = f.execution == null ? null : faulty.quote(SAMSUNG).limits();
      for (int i = 0; i < intents; i++) {
        long qty = i + 1; // unique: no two intents can claim one broker order
        Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
        drawn.merge(fault, 1, Integer::sum);
        faultByQty.put(qty, fault);
        // limit buys at the lower limit rest on the book: nothing fills, the day stays simple
        OrderIntent intent =
            random.nextBoolean()
                ? OrderIntent.limit(
                    SAMSUNG, OrderSide.BUY, IntentType.ENTRY, qty, band.lower(), "P", "E:" + i)
                : OrderIntent.limit(
                    SAMSUNG, OrderSide.BUY, IntentType.REBALANCE, qty, band.lower(), "R", "R:" + i);
        qtyOf.put(f.insert(intent), qty);
      }
      System.out.println("ExecutionFaultsModelIT faults=" + drawn);

      for (int round = 0; round < 150 && !settled(db); round++) {
        try {
          f.execution.cycle(1 + random.nextInt(4));
        } catch (Crash e) {
          restart.run();
        }
        f.sim.advance(Duration.ofMillis(500 + random.nextInt(3_000)));
      }

      assertThat(settled(db))
          .as(
              "seed=%d: every intent settled: %s",
              seed,
              Jdbi.create(db.admin())
                  .withHandle(
                      h ->
                          h.createQuery(
                                  "SELECT qty || ' ' || status || ' ' || coalesce(status_reason, '')"
                                      + " FROM trade.order_intents WHERE status NOT IN"
                                      + " ('SUBMITTED', 'REJECTED', 'DENIED', 'HELD')")
                              .mapTo(String.class)
                              .list()))
          .isTrue();
      Map<String, String> statusByIntent = new HashMap<>();
      Jdbi.create(db.admin())
          .useHandle(
              h ->
                  h.createQuery("SELECT intent_id::text, status FROM trade.order_intents")
                      .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                      .forEach(e -> statusByIntent.put(e.getKey(), e.getValue())));
      List<OrderRecord> broker = f.brokerOrders();
      Map<Long, Integer> brokerByQty = new HashMap<>();
      for (OrderRecord order : broker) {
        brokerByQty.merge(order.quantity(), 1, Integer::sum);
      }
      List<String> problems = new ArrayList<>();
      for (Map.Entry<UUID, Long> e : qtyOf.entrySet()) {
        String status = statusByIntent.get(e.getKey().toString());
        int atBroker = brokerByQty.getOrDefault(e.getValue(), 0);
        List<String> linked = f.ordersOf(e.getKey());
        boolean ok =
            switch (status) {
              case "SUBMITTED" -> atBroker == 1 && linked.size() == 1;
              // HELD: sent twice (a crash, then a true loss) and never seen: the operator decides
              case "REJECTED", "DENIED", "HELD" -> atBroker == 0 && linked.isEmpty();
              default -> false;
            };
        if (!ok) {
          problems.add(
              "qty "
                  + e.getValue()
                  + " fault "
                  + faultByQty.get(e.getValue())
                  + ": "
                  + status
                  + ", broker orders "
                  + atBroker
                  + ", linked "
                  + linked);
        }
      }
      long doubled = brokerByQty.values().stream().filter(n -> n > 1).count();
      System.out.println(
          "ExecutionFaultsModelIT intents="
              + intents
              + " crashes="
              + crashes[0]
              + " brokerOrders="
              + broker.size()
              + " doubled="
              + doubled
              + " statuses="
              + statusByIntent.values().stream()
                  .collect(
                      java.util.stream.Collectors.groupingBy(
                          x -> x, java.util.stream.Collectors.counting()))
              + " problems="
              + problems.size());
      assertThat(problems).as("seed=%d", seed).isEmpty();
      assertThat(doubled).as("seed=%d", seed).isZero();
    }
  }

  private static boolean settled(Database db) {
    return Jdbi.create(db.admin())
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(*) FROM trade.order_intents"
                                + " WHERE status NOT IN ('SUBMITTED', 'REJECTED', 'DENIED', 'HELD')")
                        .mapTo(Long.class)
                        .one())
        == 0;
  }
}
