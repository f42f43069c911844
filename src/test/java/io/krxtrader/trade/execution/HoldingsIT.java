package io.krxtrader.trade.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.kis.KisExecutionBroker;
import io.krxtrader.kis.OrderRequest;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's balance against our positions, with the simulator's account changed behind our back
 * (orders placed straight through the client, as a manual trade in the broker's app would be):
 * every mismatch kind is found, blocks entries in its symbol, and {@code adopt} clears it with a
 * record of what it changed.
 */
@ExtendWith(PostgresExtension.class)
class HoldingsIT {

  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final Symbol HYNIX = Symbol.of("000660");
  private static final Symbol HYUNDAI = Symbol.of("005380");

  @TempDir Path home;

  @Test
  void every_mismatch_kind_is_found_blocks_entries_and_is_cleared_by_adopt(Database db)
      throws SQLException {
    try (ExecutionFixture f = new ExecutionFixture(db, home, Execution.Hooks.none())) {
      Term term = f.leader.term().orElseThrow();
      KisExecutionBroker broker = new KisExecutionBroker(f.client);
      Fills fills = new Fills(db, broker, f.sim.clock, "paper");
      Holdings holdings = new Holdings(db, broker, f.sim.clock, "paper");
      f.insert(OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, 10, "P", "E1"));
      f.insert(OrderIntent.market(HYUNDAI, OrderSide.BUY, IntentType.ENTRY, 2, "P", "E2"));
      f.execution.cycle(10);
      fills.poll(term);

      assertThat(holdings.refresh(term)).isEmpty();
      long rows =
          Jdbi.create(db.admin())
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT count(*) FROM trade.holdings WHERE raw->>'hldg_qty' IS NOT NULL")
                          .mapTo(Long.class)
                          .one());
      assertThat(rows).isEqualTo(2);

      // behind our back: 3 more Samsung, 1 Hynix; our books: a Naver position the broker lacks,
      // Hyundai's average price changed
      f.client.trading().place(OrderRequest.market(OrderSide.BUY, SAMSUNG, 3));
      f.client.trading().place(OrderRequest.market(OrderSide.BUY, HYNIX, 1));
      Jdbi.create(db.admin())
          .useHandle(
              h -> {
                h.execute(
                    "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty,"
                        + " avg_price, entry_ts, status) VALUES (?, 'paper', '035420', 'LONG', 4,"
                        + " 200000, now(), 'OPEN')",
                    UUID.randomUUID());
                h.execute(
                    "UPDATE trade.positions SET avg_price = avg_price + 100 WHERE symbol = '005380'");
              });

      List<Mismatches.Mismatch> open = holdings.refresh(term);

      assertThat(open)
          .extracting(m -> m.symbol().code() + " " + m.kind())
          .containsExactly(
              "000660 BROKER_ONLY", "005380 AVG_PRICE", "005930 QTY", "035420 POSITION_ONLY");
      assertThat(open.get(2).positionQty()).contains(10L);
      assertThat(open.get(2).holdingQty()).contains(13L);
      try (Connection c = db.admin().getConnection()) {
        assertThat(Mismatches.blocksEntries(c, SAMSUNG)).isTrue();
      }
      UUID blocked =
          f.insert(OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, 1, "P", "E3"));
      f.execution.cycle(10);
      assertThat(f.status(blocked)).isEqualTo("DENIED");
      assertThat((String) f.intent(blocked).get("status_reason")).contains("holdings mismatch");

      List<String> changes = holdings.adopt(term);

      assertThat(changes).hasSize(4);
      assertThat(changes.get(0)).startsWith("000660 BROKER_ONLY: opened position");
      assertThat(String.join("\n", changes)).contains("qty 10 -> 13").contains("closed");
      assertThat(holdings.refresh(term)).isEmpty();
      List<String> resolutions =
          Jdbi.create(db.admin())
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT resolution FROM trade.holding_mismatches"
                                  + " WHERE resolved_ts IS NOT NULL ORDER BY symbol")
                          .mapTo(String.class)
                          .list());
      assertThat(resolutions).hasSize(4).allSatisfy(r -> assertThat(r).startsWith("adopted: "));
    }
  }
}
