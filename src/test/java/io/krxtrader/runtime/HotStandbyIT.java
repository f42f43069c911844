package io.krxtrader.runtime;

import static io.krxtrader.runtime.TradingModulesIT.SAMSUNG;
import static io.krxtrader.runtime.TradingModulesIT.awaitWhileTimePasses;
import static io.krxtrader.runtime.TradingModulesIT.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.kis.KisClient;
import io.krxtrader.kis.OrderRecord;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.Backends;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.testkit.SimulatorFixture;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import io.krxtrader.trade.OrderIntents;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runtimes on one database, as two {@code run} processes would be: the second is a hot standby
 * of execution. The leader's lock connection is cut mid-way (its loop keeps running and must find
 * out on its own), the standby takes over, and the broker's day has exactly one order per intent.
 */
@ExtendWith(PostgresExtension.class)
class HotStandbyIT {

  private final Database db;
  @TempDir Path home;

  HotStandbyIT(Database db) {
    this.db = db;
  }

  @Test
  void the_standby_takes_over_execution_and_every_intent_is_one_broker_order() throws Exception {
    Jdbi admin = Jdbi.create(db.admin());
    try (SimulatorFixture sim = SimulatorFixture.paper(home);
        KisClient clientA =
            KisClient.open(sim.config().withTimeout(Duration.ofSeconds(5)), sim.clock, sim.wall);
        KisClient clientB =
            KisClient.open(sim.config().withTimeout(Duration.ofSeconds(5)), sim.clock, sim.wall);
        Leadership creator = Leadership.elect(db, LeaderName.ROUTER, "creator", sim.clock)) {
      LocalDate today = TradingCalendar.kstDate(sim.clock.instant());
      long lower = clientA.quotations().currentPrice(SAMSUNG).lowerLimit();
      Set<TradingModule> execution = Set.of(TradingModule.EXECUTION);
      try (TradingModules a =
              TradingModules.start(
                  TradingModulesIT.setup(db, sim, clientA, home, "runtime-a"), execution);
          TradingModules b =
              TradingModules.start(
                  TradingModulesIT.setup(db, sim, clientB, home, "runtime-b"), execution)) {
        assertThat(a.states().get(TradingModule.EXECUTION)).isInstanceOf(Leadership.Leading.class);
        assertThat(b.states().get(TradingModule.EXECUTION)).isInstanceOf(Leadership.Standby.class);

        // limit buys at the lower limit rest on the book; quantities tell the intents apart
        sim.simulator.faults().loseNextOrderAnswers(1);
        for (int qty = 1; qty <= 4; qty++) {
          insert(creator, lower, qty);
        }
        awaitWhileTimePasses(
            sim,
            () ->
                count(admin, "SELECT count(*) FROM trade.order_intents WHERE status <> 'NEW'")
                    >= 2);

        // cut the leader's lock connection: its loop runs on and must stop by itself
        int pid =
            a.loop(TradingModule.EXECUTION).orElseThrow().leadership().backendPid().orElseThrow();
        Backends.terminate(db.admin(), pid);
        for (int qty = 5; qty <= 8; qty++) {
          insert(creator, lower, qty);
        }
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> b.states().get(TradingModule.EXECUTION) instanceof Leadership.Leading);
        awaitWhileTimePasses(
            sim,
            () ->
                count(
                        admin,
                        "SELECT count(*) FROM trade.order_intents WHERE status IN ('SUBMITTED',"
                            + " 'PARTIALLY_FILLED', 'FILLED')")
                    == 8);
        assertThat(a.states().get(TradingModule.EXECUTION))
            .isNotInstanceOf(Leadership.Leading.class);
        // more than the longest call passes with both running, and the leader does a few more
        // passes: nothing is sent again
        ModuleLoop leader = b.loop(TradingModule.EXECUTION).orElseThrow();
        for (int i = 0; i < 40; i++) {
          sim.advance(Duration.ofSeconds(5));
          long before = leader.passes();
          await().atMost(Duration.ofSeconds(30)).until(() -> leader.passes() > before + 1);
        }
      }
      List<OrderRecord> orders = clientA.trading().dailyOrders(today, today);
      Map<Long, Long> ordersByQty =
          orders.stream()
              .collect(Collectors.groupingBy(OrderRecord::quantity, Collectors.counting()));
      assertThat(ordersByQty)
          .as("exactly one broker order per intent")
          .isEqualTo(Map.of(1L, 1L, 2L, 1L, 3L, 1L, 4L, 1L, 5L, 1L, 6L, 1L, 7L, 1L, 8L, 1L));
      assertThat(count(admin, "SELECT count(DISTINCT intent_id) FROM trade.orders")).isEqualTo(8);
    }
  }

  private void insert(Leadership creator, long price, long qty) throws Exception {
    try (Connection c = db.dataSource(ModuleRole.ROUTER).getConnection()) {
      c.setAutoCommit(false);
      OrderIntents.insert(
          c,
          OrderIntent.limit(
              SAMSUNG, OrderSide.BUY, IntentType.ENTRY, qty, price, "PICK", "ENTRY:standby:" + qty),
          creator.term().orElseThrow());
      c.commit();
    }
  }
}
