package io.krxtrader.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.system.StaleTermException;
import io.krxtrader.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The intent contract against a real PostgreSQL: stored once per action key, fenced by term. */
@ExtendWith(PostgresExtension.class)
class OrderIntentsIT {

  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-03-02T00:00:00Z"));
  private static final Symbol SAMSUNG = Symbol.of("005930");

  private final Database db;

  OrderIntentsIT(Database db) {
    this.db = db;
  }

  private boolean insert(ModuleRole role, OrderIntent intent, Term term) throws SQLException {
    try (Connection connection = db.dataSource(role).getConnection()) {
      connection.setAutoCommit(false);
      boolean stored = OrderIntents.insert(connection, intent, term);
      connection.commit();
      return stored;
    }
  }

  @Test
  void an_intent_is_stored_once_per_action_key_with_its_side_creator_and_term()
      throws SQLException {
    UUID position = UUID.randomUUID();
    try (Leadership exit = Leadership.elect(db, LeaderName.EXIT, "exit-1", CLOCK)) {
      Term term = exit.term().orElseThrow();
      OrderIntent first =
          OrderIntent.market(
                  SAMSUNG, OrderSide.SELL, IntentType.EXIT_FULL, 10, "SL2", position + ":SL2")
              .forPosition(position);
      OrderIntent again =
          OrderIntent.market(
                  SAMSUNG, OrderSide.SELL, IntentType.EXIT_FULL, 10, "SL2", position + ":SL2")
              .forPosition(position);

      assertThat(insert(ModuleRole.EXIT, first, term)).isTrue();
      assertThat(insert(ModuleRole.EXIT, again, term)).isFalse();

      Map<String, Object> row =
          Jdbi.create(db.admin())
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT intent_id, side, status, created_by, leader_term, position_id,"
                                  + " limit_price FROM trade.order_intents WHERE action_key = ?")
                          .bind(0, position + ":SL2")
                          .mapToMap()
                          .one());
      assertThat(row)
          .containsEntry("intent_id", first.intentId())
          .containsEntry("side", "SELL")
          .containsEntry("status", "NEW")
          .containsEntry("created_by", "exit")
          .containsEntry("leader_term", term.number())
          .containsEntry("position_id", position)
          .containsEntry("limit_price", null);
    }
  }

  @Test
  void a_limit_rebalance_buy_keeps_its_price_in_whole_won() throws SQLException {
    try (Leadership portfolio = Leadership.elect(db, LeaderName.PORTFOLIO, "portfolio-1", CLOCK)) {
      OrderIntent buy =
          OrderIntent.limit(
              SAMSUNG, OrderSide.BUY, IntentType.REBALANCE, 3, 71_200, "REBAL", "REBAL:p1:005930");
      assertThat(insert(ModuleRole.PORTFOLIO, buy, portfolio.term().orElseThrow())).isTrue();
      long price =
          Jdbi.create(db.admin())
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT limit_price FROM trade.order_intents WHERE action_key = ?")
                          .bind(0, "REBAL:p1:005930")
                          .mapTo(Long.class)
                          .one());
      assertThat(price).isEqualTo(71_200);
    }
  }

  @Test
  void an_intent_of_a_term_that_is_over_is_refused_and_nothing_is_stored() throws SQLException {
    Term old;
    try (Leadership first = Leadership.elect(db, LeaderName.ROUTER, "router-1", CLOCK)) {
      old = first.term().orElseThrow();
    }
    try (Leadership second = Leadership.elect(db, LeaderName.ROUTER, "router-2", CLOCK)) {
      assertThat(second.term().orElseThrow().number()).isGreaterThan(old.number());
      OrderIntent entry =
          OrderIntent.limit(
              SAMSUNG, OrderSide.BUY, IntentType.ENTRY, 5, 70_000, "PICK", "ENTRY:old");
      assertThatThrownBy(() -> insert(ModuleRole.ROUTER, entry, old))
          .isInstanceOf(StaleTermException.class)
          .hasMessageContaining("term is over");
      long count =
          Jdbi.create(db.admin())
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT count(*) FROM trade.order_intents WHERE action_key = 'ENTRY:old'")
                          .mapTo(Long.class)
                          .one());
      assertThat(count).isZero();
    }
  }

  @Test
  void the_database_refuses_a_status_outside_the_closed_set_and_a_limit_without_a_price() {
    Jdbi admin = Jdbi.create(db.admin());
    assertThatThrownBy(
            () ->
                admin.useHandle(
                    h ->
                        h.execute(
                            "INSERT INTO trade.order_intents (intent_id, symbol, side, intent_type,"
                                + " qty, order_type, reason_code, action_key, status, created_by)"
                                + " VALUES (?, '005930', 'SELL', 'EXIT_FULL', 1, 'MKT', 'SL2', 'k1',"
                                + " 'SENT', 'exit')",
                            UUID.randomUUID())))
        .hasMessageContaining("order_intents_status_check");
    assertThatThrownBy(
            () ->
                admin.useHandle(
                    h ->
                        h.execute(
                            "INSERT INTO trade.order_intents (intent_id, symbol, side, intent_type,"
                                + " qty, order_type, reason_code, action_key, created_by)"
                                + " VALUES (?, '005930', 'BUY', 'ENTRY', 1, 'LMT', 'PICK', 'k2',"
                                + " 'router')",
                            UUID.randomUUID())))
        .hasMessageContaining("order_intents_limit_price_check");
  }

  @Test
  void an_intent_that_contradicts_itself_is_refused_before_the_database() {
    assertThatThrownBy(
            () -> OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.EXIT_FULL, 1, "SL2", "k"))
        .hasMessageContaining("an entry buys and an exit sells");
    assertThatThrownBy(
            () -> OrderIntent.market(SAMSUNG, OrderSide.SELL, IntentType.EXIT_FULL, 0, "SL2", "k"))
        .hasMessageContaining("quantity must be positive");
  }
}
