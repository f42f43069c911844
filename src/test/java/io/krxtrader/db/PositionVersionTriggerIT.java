package io.krxtrader.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.testkit.PostgresExtension;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The optimistic lock of trade.positions: version moves exactly when a fill changes the position.
 */
@ExtendWith(PostgresExtension.class)
class PositionVersionTriggerIT {

  private final UUID position = UUID.randomUUID();
  private final Jdbi jdbi;

  PositionVersionTriggerIT(Database db) {
    this.jdbi = db.jdbi(ModuleRole.EXECUTION);
  }

  @BeforeEach
  void open_position() {
    jdbi.useHandle(
        h ->
            h.execute(
                "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                    + " avg_price, entry_ts, status) VALUES (?, 'acct', '005930', 'LONG', 100,"
                    + " 71000, now(), 'OPEN')",
                position));
  }

  private int version(Handle h) {
    return h.createQuery("SELECT version FROM trade.positions WHERE position_id = ?")
        .bind(0, position)
        .mapTo(Integer.class)
        .one();
  }

  @Test
  void quantity_change_increments_version() {
    jdbi.useHandle(
        h -> {
          h.execute("UPDATE trade.positions SET qty = 50 WHERE position_id = ?", position);
          assertThat(version(h)).isEqualTo(2);
        });
  }

  @Test
  void average_price_change_increments_version() {
    jdbi.useHandle(
        h -> {
          h.execute("UPDATE trade.positions SET avg_price = 70500 WHERE position_id = ?", position);
          assertThat(version(h)).isEqualTo(2);
        });
  }

  @Test
  void status_change_or_numerically_equal_price_keeps_version() {
    jdbi.useHandle(
        h -> {
          h.execute(
              "UPDATE trade.positions SET status = 'CLOSING' WHERE position_id = ?", position);
          h.execute(
              "UPDATE trade.positions SET avg_price = 71000.00, qty = 100 WHERE position_id = ?",
              position);
          assertThat(version(h)).isEqualTo(1);
        });
  }

  @Test
  void an_explicit_version_write_without_a_fill_is_ignored() {
    jdbi.useHandle(
        h -> {
          h.execute("UPDATE trade.positions SET version = 99 WHERE position_id = ?", position);
          assertThat(version(h)).isEqualTo(1);
          h.execute(
              "UPDATE trade.positions SET version = 99, qty = 10 WHERE position_id = ?", position);
          assertThat(version(h)).isEqualTo(2);
        });
  }
}
