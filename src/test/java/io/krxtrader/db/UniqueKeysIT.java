package io.krxtrader.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.testkit.PostgresExtension;
import java.time.LocalDate;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/** The unique keys the system's guarantees rest on reject a second row with the same key. */
@ExtendWith(PostgresExtension.class)
class UniqueKeysIT {

  private static void assertUniqueViolation(Handle handle, String sql, Object... args) {
    handle.execute(sql, args);
    assertThatThrownBy(() -> handle.execute(sql, args))
        .isInstanceOf(UnableToExecuteStatementException.class)
        .cause()
        .isInstanceOfSatisfying(
            PSQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
  }

  @Test
  void order_intent_action_key_is_unique(Database db) {
    Jdbi.create(db.admin())
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO trade.order_intents (intent_id, symbol, side, intent_type, qty,"
                      + " order_type, reason_code, action_key, created_by) VALUES (?, '005930',"
                      + " 'SELL', 'EXIT_FULL', 10, 'MKT', 'SL2', 'pos-1:SL2', 'exit')",
                  UUID.randomUUID());
              assertThatThrownBy(
                      () ->
                          h.execute(
                              "INSERT INTO trade.order_intents (intent_id, symbol, side,"
                                  + " intent_type, qty, order_type, reason_code, action_key,"
                                  + " created_by) VALUES (?, '005930', 'SELL', 'EXIT_FULL', 10,"
                                  + " 'MKT', 'SL2', 'pos-1:SL2', 'exit')",
                              UUID.randomUUID()))
                  .hasMessageContaining("uq_order_intents_action_key");
            });
  }

  @Test
  void pick_run_and_symbol_is_unique(Database db) {
    Jdbi.create(db.admin())
        .useHandle(
            h ->
                assertUniqueViolation(
                    h,
                    "INSERT INTO trade.picks (producer_id, run_id, run_date, asof_ts, symbol, side,"
                        + " score, confidence) VALUES ('3000', 'run-1', ?, now(), '005930', 'LONG',"
                        + " 80, 'HIGH')",
                    LocalDate.of(2026, 1, 22)));
  }

  @Test
  void pick_decision_date_and_symbol_is_unique(Database db) {
    Jdbi.create(db.admin())
        .useHandle(
            h ->
                assertUniqueViolation(
                    h,
                    "INSERT INTO trade.pick_decisions (run_date, symbol, final_score, confidence,"
                        + " method, producer_count, router_version, final_decision) VALUES (?,"
                        + " '005930', 80, 'HIGH', 'PRIORITY', 1, 'v1', 'PASS')",
                    LocalDate.of(2026, 1, 22)));
  }

  @Test
  void price_tick_symbol_time_and_source_is_unique(Database db) {
    DayPartitions.ensure(
        db.admin(), "market.prices_ticks", LocalDate.of(2026, 1, 22), LocalDate.of(2026, 1, 22));
    Jdbi.create(db.admin())
        .useHandle(
            h ->
                assertUniqueViolation(
                    h,
                    "INSERT INTO market.prices_ticks (ts, symbol, source, last_price) VALUES"
                        + " ('2026-01-22T09:31:05+09:00', '005930', 'KIS_WS', 71500)"));
  }

  @Test
  void holdings_account_and_symbol_is_unique(Database db) {
    Jdbi.create(db.admin())
        .useHandle(
            h ->
                assertUniqueViolation(
                    h,
                    "INSERT INTO trade.holdings (account_id, symbol, qty, avg_price) VALUES"
                        + " ('12345678-01', '005930', 10, 71000)"));
  }

  @Test
  void bars_are_unique_per_symbol_and_time(Database db) {
    Jdbi.create(db.admin())
        .useHandle(
            h -> {
              assertUniqueViolation(
                  h,
                  "INSERT INTO observer.swing_bars_10m (symbol, bar_time, session_id) VALUES"
                      + " ('005930', '2026-01-22T09:30:00+09:00', 's')");
              assertUniqueViolation(
                  h,
                  "INSERT INTO observer.scalp_1m_bars (symbol, bar_time, session_id) VALUES"
                      + " ('005930', '2026-01-22T09:31:00+09:00', 's')");
              assertUniqueViolation(
                  h,
                  "INSERT INTO observer.eod_prices (symbol, trade_date) VALUES ('005930',"
                      + " '2026-01-22')");
            });
  }

  @Test
  void leader_lock_name_and_target_weight_keys_are_unique(Database db) {
    Jdbi.create(db.admin())
        .useHandle(
            h -> {
              assertUniqueViolation(
                  h,
                  "INSERT INTO system.process_locks VALUES ('exit_engine_leader', 'i-1', now(),"
                      + " now(), 'host', 1)");
              h.execute(
                  "INSERT INTO portfolio.portfolio_policy (policy_id, name, rebalance_freq,"
                      + " max_position_pct) VALUES ('p1', 'Balanced', 'daily', 0.1)");
              assertUniqueViolation(
                  h,
                  "INSERT INTO portfolio.target_weights (policy_id, symbol, target_weight,"
                      + " effective_date) VALUES ('p1', '005930', 0.2, '2026-01-22')");
            });
  }
}
