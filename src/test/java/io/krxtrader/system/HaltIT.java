package io.krxtrader.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.system.Halt.Flow;
import io.krxtrader.system.Halt.HaltState;
import io.krxtrader.system.Halt.Operator;
import io.krxtrader.testkit.Backends;
import io.krxtrader.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kill switch against a real PostgreSQL: what a halt refuses, what it records, and that it
 * takes effect exactly at its commit for a module deciding in its own transaction. Each test has a
 * database of its own (the state is one row per database).
 */
class HaltIT {

  private static final Instant T0 = Instant.parse("2026-03-02T00:30:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(T0);
  private static final Operator OPERATOR = new Operator("trader", "desk-1", 4242);

  private Database db;

  @BeforeEach
  void open() {
    db = PostgresExtension.freshDatabase();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void a_new_database_runs_a_halt_refuses_entries_and_resume_lifts_it() throws SQLException {
    HaltState initial = Halt.current(db, ModuleRole.ROUTER);
    assertThat(initial.halted()).isFalse();
    assertThat(initial.refuses(Flow.ENTRY)).isFalse();
    assertThat(initial.eventId()).isEmpty();

    HaltState before = Halt.halt(db, Optional.of("bad feed"), false, OPERATOR, CLOCK);
    assertThat(before.halted()).isFalse();
    HaltState halted = Halt.current(db, ModuleRole.EXECUTION);
    assertThat(halted.halted()).isTrue();
    assertThat(halted.refuses(Flow.ENTRY)).isTrue();
    assertThat(halted.refuses(Flow.EXIT)).isFalse();
    assertThat(halted.reason()).contains("bad feed");
    assertThat(halted.by()).contains(OPERATOR);
    assertThat(halted.since()).isEqualTo(T0);
    assertThat(halted.describe())
        .isEqualTo(
            "HALTED: entries (exits still go out) since 2026-03-02T00:30:00Z by trader@desk-1"
                + " (pid 4242), reason: bad feed");

    Halt.halt(db, Optional.empty(), true, OPERATOR, CLOCK);
    HaltState all = Halt.current(db, ModuleRole.EXIT);
    assertThat(all.refuses(Flow.ENTRY)).isTrue();
    assertThat(all.refuses(Flow.EXIT)).isTrue();
    assertThat(all.reason()).isEmpty();

    HaltState wasHalted =
        Halt.resume(db, OPERATOR, InstantSource.offset(CLOCK, Duration.ofMinutes(5)));
    assertThat(wasHalted.exitsToo()).isTrue();
    HaltState resumed = Halt.current(db, ModuleRole.ROUTER);
    assertThat(resumed.halted()).isFalse();
    assertThat(resumed.refuses(Flow.EXIT)).isFalse();
    assertThat(resumed.reason()).isEmpty();
    assertThat(resumed.since()).isEqualTo(T0.plus(Duration.ofMinutes(5)));

    assertThat(
            rows(
                "SELECT action || '/' || exits_too || '/' || coalesce(reason, '-') || '/' || by_user"
                    + " || '/' || host || '/' || pid FROM system.halt_events ORDER BY id"))
        .containsExactly(
            "HALT/false/bad feed/trader/desk-1/4242",
            "HALT/true/-/trader/desk-1/4242",
            "RESUME/false/-/trader/desk-1/4242");
  }

  @Test
  void admit_lets_through_what_the_state_allows_and_records_what_it_refuses() throws SQLException {
    try (Connection router = db.dataSource(ModuleRole.ROUTER).getConnection()) {
      router.setAutoCommit(false);
      assertThat(
              Halt.admit(
                  router,
                  ModuleRole.ROUTER,
                  Flow.ENTRY,
                  Optional.of("k1"),
                  Optional.of("005930"),
                  T0))
          .isTrue();
      router.commit();

      Halt.halt(db, Optional.of("drill"), false, OPERATOR, CLOCK);
      assertThat(
              Halt.admit(
                  router,
                  ModuleRole.ROUTER,
                  Flow.ENTRY,
                  Optional.of("k2"),
                  Optional.of("005930"),
                  T0))
          .isFalse();
      router.commit();
    }
    try (Connection exit = db.dataSource(ModuleRole.EXIT).getConnection()) {
      exit.setAutoCommit(false);
      assertThat(
              Halt.admit(exit, ModuleRole.EXIT, Flow.EXIT, Optional.empty(), Optional.empty(), T0))
          .isTrue();
      exit.commit();
    }
    List<Halt.Refusal> refusals = Halt.refusals(db, 10);
    assertThat(refusals).hasSize(1);
    Halt.Refusal refusal = refusals.get(0);
    assertThat(refusal.module()).isEqualTo("router");
    assertThat(refusal.flow()).isEqualTo(Flow.ENTRY);
    assertThat(refusal.actionKey()).contains("k2");
    assertThat(refusal.symbol()).contains("005930");
    assertThat(refusal.reason()).isEqualTo("entry refused: halted (drill)");
    assertThat(refusal.haltEvent()).isEqualTo(Halt.current(db, ModuleRole.SYSTEM).eventId());
    assertThat(refusal.refused()).isEqualTo(T0);
  }

  @Test
  void admit_outside_a_transaction_is_a_programming_error() throws SQLException {
    try (Connection router = db.dataSource(ModuleRole.ROUTER).getConnection()) {
      assertThatThrownBy(
              () ->
                  Halt.admit(
                      router,
                      ModuleRole.ROUTER,
                      Flow.ENTRY,
                      Optional.empty(),
                      Optional.empty(),
                      T0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("autocommit is on");
    }
  }

  @Test
  void only_the_system_role_changes_the_state() throws SQLException {
    try (Connection router = db.dataSource(ModuleRole.ROUTER).getConnection();
        Statement statement = router.createStatement()) {
      assertThatThrownBy(
              () -> statement.executeUpdate("UPDATE system.halt_state SET halted = true"))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
  }

  /**
   * The halt takes effect at its commit: it waits for an entry transaction that already admitted
   * its entry (so that entry lands before the halt), and every entry transaction after the halt
   * committed is refused.
   */
  @Test
  void a_halt_waits_for_an_admitted_entry_and_refuses_every_later_one() throws Exception {
    try (Connection deciding = db.dataSource(ModuleRole.ROUTER).getConnection()) {
      deciding.setAutoCommit(false);
      assertThat(
              Halt.admit(
                  deciding,
                  ModuleRole.ROUTER,
                  Flow.ENTRY,
                  Optional.of("before"),
                  Optional.empty(),
                  T0))
          .isTrue();
      CompletableFuture<HaltState> halt =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Halt.halt(db, Optional.of("race"), false, OPERATOR, CLOCK);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      Backends.awaitLockWait(db.admin());
      assertThat(halt).isNotDone();
      deciding.commit();
      assertThat(halt.get(30, TimeUnit.SECONDS).halted()).isFalse();
    }
    try (Connection later = db.dataSource(ModuleRole.ROUTER).getConnection()) {
      later.setAutoCommit(false);
      assertThat(
              Halt.admit(
                  later, ModuleRole.ROUTER, Flow.ENTRY, Optional.of("after"), Optional.empty(), T0))
          .isFalse();
      later.commit();
    }
    assertThat(Halt.refusals(db, 10))
        .extracting(r -> r.actionKey().orElseThrow())
        .containsExactly("after");
  }

  private List<String> rows(String query) throws SQLException {
    try (Connection admin = db.admin().getConnection();
        Statement statement = admin.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      List<String> values = new java.util.ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }
}
