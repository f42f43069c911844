package io.krxtrader.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.krxtrader.db.Database;
import io.krxtrader.testkit.Backends;
import io.krxtrader.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leader election and fencing against a real PostgreSQL: one leader of two contenders, a leader
 * whose backend is killed loses at its next heartbeat, and no write of its term lands after its
 * successor's term began (the witness table {@code public.fenced_writes} stamps every write with
 * its term).
 */
@ExtendWith(PostgresExtension.class)
class LeadershipIT {

  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-03-02T00:00:00Z"));
  private final Database db;

  LeadershipIT(Database db) {
    this.db = db;
  }

  @BeforeAll
  static void witness(Database db) throws SQLException {
    try (Connection admin = db.admin().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute(
          "CREATE TABLE public.fenced_writes (id bigserial PRIMARY KEY, leader text NOT NULL,"
              + " term bigint NOT NULL, written_ts timestamptz NOT NULL DEFAULT clock_timestamp())");
      statement.execute("GRANT SELECT, INSERT ON public.fenced_writes TO krx_exit, krx_router");
      statement.execute(
          "GRANT USAGE ON SEQUENCE public.fenced_writes_id_seq TO krx_exit, krx_router");
    }
  }

  @Test
  void of_two_contenders_exactly_one_leads_and_records_itself() throws SQLException {
    try (Leadership first = Leadership.elect(db, LeaderName.ROUTER, "first", CLOCK);
        Leadership second = Leadership.elect(db, LeaderName.ROUTER, "second", CLOCK)) {
      assertThat(List.of(first.isLeading(), second.isLeading()))
          .containsExactlyInAnyOrder(true, false);
      Leadership leader = first.isLeading() ? first : second;
      Leadership standby = first.isLeading() ? second : first;
      for (int i = 0; i < 5; i++) {
        assertThat(leader.tick()).isInstanceOf(Leadership.Leading.class);
        assertThat(standby.tick()).isInstanceOf(Leadership.Standby.class);
      }
      try (Connection admin = db.admin().getConnection();
          PreparedStatement statement =
              admin.prepareStatement(
                  "SELECT instance_id, pid FROM system.process_locks WHERE lock_name = ?")) {
        statement.setString(1, LeaderName.ROUTER.lockName());
        try (ResultSet rows = statement.executeQuery()) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo(leader.instanceId());
          assertThat(rows.getInt(2)).isEqualTo((int) ProcessHandle.current().pid());
        }
      }
      long term = leader.term().orElseThrow().number();
      leader.close();
      assertThat(standby.tick()).isInstanceOf(Leadership.Leading.class);
      assertThat(standby.term().orElseThrow().number()).isGreaterThan(term);
    }
  }

  @Test
  void
      a_killed_leader_loses_at_its_next_heartbeat_and_its_term_lands_no_write_after_the_next_began()
          throws Exception {
    List<Leadership.Lost> losses = new CopyOnWriteArrayList<>();
    try (Leadership old = Leadership.elect(db, LeaderName.EXIT, "old", CLOCK, losses::add);
        Leadership next = Leadership.elect(db, LeaderName.EXIT, "next", CLOCK)) {
      assertThat(old.isLeading()).isTrue();
      assertThat(next.isLeading()).isFalse();
      Leadership.Term oldTerm = old.term().orElseThrow();
      write(oldTerm);

      // A module that keeps writing on the old term no matter what (the worst case): it stops only
      // when the database refuses.
      AtomicLong landed = new AtomicLong();
      AtomicBoolean refused = new AtomicBoolean();
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                while (true) {
                  try {
                    write(oldTerm);
                    landed.incrementAndGet();
                  } catch (StaleTermException e) {
                    refused.set(true);
                    return;
                  } catch (SQLException e) {
                    throw new IllegalStateException(e);
                  }
                }
              });
      await().atMost(Duration.ofMinutes(1)).until(() -> landed.get() > 3);

      Backends.terminate(db.admin(), old.backendPid().orElseThrow());
      assertThat(old.tick()).isInstanceOf(Leadership.Lost.class);
      assertThat(old.isLeading()).isFalse();
      assertThat(losses).hasSize(1);
      assertThat(losses.get(0).term()).isEqualTo(oldTerm);

      assertThat(next.tick()).isInstanceOf(Leadership.Leading.class);
      Leadership.Term newTerm = next.term().orElseThrow();
      assertThat(newTerm.number()).isGreaterThan(oldTerm.number());
      long oldWritesWhenNewTermBegan = writesOf(oldTerm);

      writer.get(1, TimeUnit.MINUTES);
      assertThat(refused).isTrue();
      assertThat(writesOf(oldTerm)).isEqualTo(oldWritesWhenNewTermBegan);
      assertThatThrownBy(() -> write(oldTerm))
          .isInstanceOf(StaleTermException.class)
          .hasMessageContaining("term=" + oldTerm.number());
      write(newTerm);
      assertThat(writesOf(newTerm)).isEqualTo(1);

      // The lost claim never comes back on its old term: it stays out while the new leader leads.
      assertThat(old.tick()).isInstanceOf(Leadership.Standby.class);
      assertThat(next.tick()).isInstanceOf(Leadership.Leading.class);
    }
  }

  @Test
  void a_new_term_waits_for_the_old_terms_open_write_transaction() throws Exception {
    try (Leadership old = Leadership.elect(db, LeaderName.PORTFOLIO, "old", CLOCK);
        Leadership next = Leadership.elect(db, LeaderName.PORTFOLIO, "next", CLOCK)) {
      Leadership.Term oldTerm = old.term().orElseThrow();
      DataSource pool = db.dataSource(LeaderName.PORTFOLIO.role());
      try (Connection writing = pool.getConnection()) {
        writing.setAutoCommit(false);
        oldTerm.check(writing);
        Backends.terminate(db.admin(), old.backendPid().orElseThrow());
        assertThat(old.tick()).isInstanceOf(Leadership.Lost.class);

        CompletableFuture<Leadership.State> taking = CompletableFuture.supplyAsync(next::tick);
        Backends.awaitLockWait(db.admin());
        assertThat(taking).isNotDone();
        writing.commit(); // the old term's last write transaction ends before the new term begins
        assertThat(taking.get(1, TimeUnit.MINUTES)).isInstanceOf(Leadership.Leading.class);

        writing.setAutoCommit(false);
        assertThatThrownBy(() -> oldTerm.check(writing)).isInstanceOf(StaleTermException.class);
        writing.rollback();
      }
    }
  }

  @Test
  void terms_only_grow() {
    List<Long> terms = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      try (Leadership leadership = Leadership.elect(db, LeaderName.REENTRY, "n" + i, CLOCK)) {
        terms.add(leadership.term().orElseThrow().number());
      }
    }
    assertThat(terms).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void a_check_outside_a_transaction_is_refused() throws SQLException {
    try (Leadership leadership = Leadership.elect(db, LeaderName.TRACK_A, "a", CLOCK);
        Connection connection = db.dataSource(LeaderName.TRACK_A.role()).getConnection()) {
      assertThatThrownBy(() -> leadership.term().orElseThrow().check(connection))
          .isInstanceOf(IllegalStateException.class);
    }
  }

  private void write(Leadership.Term term) throws SQLException {
    LeaderProcess.write(db, term);
  }

  private long writesOf(Leadership.Term term) throws SQLException {
    try (Connection admin = db.admin().getConnection();
        PreparedStatement statement =
            admin.prepareStatement(
                "SELECT count(*) FROM public.fenced_writes WHERE leader = ? AND term = ?")) {
      statement.setString(1, term.leader().lockName());
      statement.setLong(2, term.number());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
