package io.krxtrader.trade.execution;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.kis.KisClient;
import io.krxtrader.kis.KisExecutionBroker;
import io.krxtrader.kis.OrderRecord;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.SimulatorFixture;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.OrderIntent;
import io.krxtrader.trade.OrderIntents;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A simulator, a real KIS client, the router as the intents' creator and one execution process (its
 * leadership, broker port and {@link Execution}); {@link #restart} is a new process.
 */
final class ExecutionFixture implements AutoCloseable {

  static final java.time.Duration CALL_TIMEOUT = java.time.Duration.ofSeconds(5);

  final Database db;
  final SimulatorFixture sim;
  final KisClient client;

  io.krxtrader.kis.KisConfig config() {
    return sim.config();
  }

  final Leadership router;
  Leadership leader;
  Execution execution;
  private int instances;

  ExecutionFixture(Database db, Path home, Execution.Hooks hooks) {
    this.db = db;
    this.sim = SimulatorFixture.paper(home);
    // a 5 s call limit: the resend waits for the longest call (KisClient.longestCall, about 78 s
    // with the margin) rather than the default 10 s limit's 148 s of simulated time
    this.client = KisClient.open(sim.config().withTimeout(CALL_TIMEOUT), sim.clock, sim.wall);
    this.router = Leadership.elect(db, LeaderName.ROUTER, "router-1", sim.clock);
    restart(hooks);
  }

  /** A new execution process: the old one's claim ends, a new term begins. */
  void restart(Execution.Hooks hooks) {
    if (leader != null) {
      leader.close();
    }
    leader = Leadership.elect(db, LeaderName.EXECUTION, "execution-" + ++instances, sim.clock);
    KisExecutionBroker broker = new KisExecutionBroker(client);
    execution =
        new Execution(
            db,
            leader,
            broker,
            new PreTradeChecks(broker, TradingCalendar.krx(), sim.clock, EntriesHalted.NEVER),
            sim.clock,
            hooks);
  }

  /** When an empty look may decide about a send begun now: the longest call plus the margin. */
  java.time.Duration settle() {
    return client.longestCall().plus(IntentState.IN_FLIGHT_MARGIN);
  }

  UUID insert(OrderIntent intent) throws SQLException {
    try (Connection c = db.dataSource(ModuleRole.ROUTER).getConnection()) {
      c.setAutoCommit(false);
      OrderIntents.insert(c, intent, router.term().orElseThrow());
      c.commit();
    }
    return intent.intentId();
  }

  Map<String, Object> intent(UUID id) {
    return Jdbi.create(db.admin())
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT status, send_count, empty_checks, status_reason, broker_msg_cd,"
                            + " broker_message, submit_term FROM trade.order_intents WHERE intent_id = ?")
                    .bind(0, id)
                    .mapToMap()
                    .one());
  }

  String status(UUID id) {
    return (String) intent(id).get("status");
  }

  List<String> ordersOf(UUID id) {
    return Jdbi.create(db.admin())
        .withHandle(
            h ->
                h.createQuery("SELECT order_id FROM trade.orders WHERE intent_id = ?")
                    .bind(0, id)
                    .mapTo(String.class)
                    .list());
  }

  /** The witness: every order the broker has today. */
  List<OrderRecord> brokerOrders() {
    LocalDate day = TradingCalendar.kstDate(sim.clock.instant());
    return client.trading().dailyOrders(day, day);
  }

  @Override
  public void close() {
    leader.close(); // closing twice is harmless
    router.close();
    client.close();
    sim.close();
  }
}
