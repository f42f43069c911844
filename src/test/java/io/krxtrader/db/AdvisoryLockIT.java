package io.krxtrader.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.krxtrader.testkit.Backends;
import io.krxtrader.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one advisory-lock tool against a real PostgreSQL: two sessions, one lock. */
@ExtendWith(PostgresExtension.class)
class AdvisoryLockIT {

  private static final LockKey KEY = LockSpace.SYNC_NODE.key(900_001);
  private final Database db;

  AdvisoryLockIT(Database db) {
    this.db = db;
  }

  private Connection dedicated() throws SQLException {
    return db.openDedicated(ModuleRole.PRICESYNC, "lock-test");
  }

  @Test
  void a_session_lock_is_held_by_one_session_until_released() throws SQLException {
    try (Connection first = dedicated();
        Connection second = dedicated()) {
      assertThat(AdvisoryLock.trySession(first, KEY)).isTrue();
      assertThat(AdvisoryLock.isHeld(first, KEY)).isTrue();
      assertThat(AdvisoryLock.trySession(second, KEY)).isFalse();
      assertThat(AdvisoryLock.isHeld(second, KEY)).isFalse();

      assertThat(AdvisoryLock.releaseSession(first, KEY)).isTrue();
      assertThat(AdvisoryLock.isHeld(first, KEY)).isFalse();
      assertThat(AdvisoryLock.trySession(second, KEY)).isTrue();
      AdvisoryLock.releaseAllSession(second);
      assertThat(AdvisoryLock.isHeld(second, KEY)).isFalse();
    }
  }

  @Test
  void a_dedicated_connection_acts_as_its_module_role() throws SQLException {
    try (Connection connection = dedicated();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT current_user")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo(ModuleRole.PRICESYNC.roleName());
    }
  }

  @Test
  void a_session_lock_ends_with_its_session() throws SQLException {
    try (Connection second = dedicated()) {
      try (Connection first = dedicated()) {
        assertThat(AdvisoryLock.trySession(first, KEY)).isTrue();
        assertThat(AdvisoryLock.trySession(second, KEY)).isFalse();
      }
      // The backend releases its locks when it has exited, a moment after close() returns.
      await().atMost(Duration.ofMinutes(1)).until(() -> AdvisoryLock.trySession(second, KEY));
      assertThat(AdvisoryLock.releaseSession(second, KEY)).isTrue();
    }
  }

  @Test
  void transaction_locks_end_with_the_transaction_and_block_others_until_then() throws Exception {
    try (Connection holder = dedicated();
        Connection waiter = dedicated()) {
      holder.setAutoCommit(false);
      AdvisoryLock.lockForTransaction(holder, LockSpace.PRICE_BUCKET, 5, 3, 5);
      assertThat(heldIds(holder, LockSpace.PRICE_BUCKET)).containsExactlyInAnyOrder(3, 5);

      waiter.setAutoCommit(false);
      CompletableFuture<Void> waiting =
          CompletableFuture.runAsync(
              () -> {
                try {
                  AdvisoryLock.lockForTransaction(waiter, LockSpace.PRICE_BUCKET, 3);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      Backends.awaitLockWait(db.admin());
      assertThat(waiting).isNotDone();
      holder.commit();
      waiting.get(30, TimeUnit.SECONDS);
      assertThat(heldIds(waiter, LockSpace.PRICE_BUCKET)).containsExactly(3);
      waiter.rollback();
      assertThat(heldIds(waiter, LockSpace.PRICE_BUCKET)).isEmpty();
    }
  }

  @Test
  void a_lock_is_taken_only_in_its_own_scope() throws SQLException {
    try (Connection connection = dedicated()) {
      assertThatThrownBy(() -> AdvisoryLock.trySession(connection, LockSpace.PRICE_BUCKET.key(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PRICE_BUCKET");
      assertThatThrownBy(() -> AdvisoryLock.lockForTransaction(connection, LockSpace.SYNC_NODE, 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> LockSpace.LEADER.key(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("id=-1");
    }
  }

  @Test
  void every_lock_space_has_its_own_number() {
    Set<Integer> numbers = new HashSet<>();
    Arrays.stream(LockSpace.values()).forEach(space -> numbers.add(space.number()));
    assertThat(numbers).hasSize(LockSpace.values().length);
  }

  private static Set<Integer> heldIds(Connection connection, LockSpace space) throws SQLException {
    Set<Integer> ids = new HashSet<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT objid::int FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND pid = pg_backend_pid() AND classid = ?::oid")) {
      statement.setInt(1, space.number());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getInt(1));
        }
      }
    }
    return ids;
  }
}
