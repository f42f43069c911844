package io.krxtrader.trade.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.krxtrader.db.Database;
import io.krxtrader.kis.ExecutionNotice;
import io.krxtrader.kis.KisExecutionBroker;
import io.krxtrader.kis.KisStream;
import io.krxtrader.kis.KisStreamListener;
import io.krxtrader.kis.OrderNumber;
import io.krxtrader.kis.OrderRecord;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.testkit.PostgresExtension;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fills from the simulator's encrypted execution notices (H0STCNI9 over the real WebSocket,
 * decrypted by the client) merged with the polled day's orders: notice only, poll only, both in
 * either order, every notice delivered twice, notices in reverse order and before their order row
 * exists, and a partial fill followed by a cancel. Orders larger than the best level fill in
 * several pieces at several prices; the ledger (quantity, average price, realised P&amp;L) is
 * computed here by hand from the notices and checked against the broker's own totals.
 */
@ExtendWith(PostgresExtension.class)
class NoticeFillsIT {

  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final Database db;
  @TempDir Path home;
  ExecutionFixture f;
  Fills fills;
  KisStream stream;
  Term term;
  final List<ExecutionNotice> received = new CopyOnWriteArrayList<>();

  NoticeFillsIT(Database db) {
    this.db = db;
  }

  @BeforeEach
  void start() throws Exception {
    Jdbi.create(db.admin())
        .useHandle(
            h -> {
              h.execute("DELETE FROM trade.fills");
              h.execute("DELETE FROM trade.execution_notices");
              h.execute("DELETE FROM trade.orders");
              h.execute("DELETE FROM trade.order_intents");
              h.execute("DELETE FROM trade.positions");
            });
    f = new ExecutionFixture(db, home, Execution.Hooks.none());
    fills = new Fills(db, new KisExecutionBroker(f.client), f.sim.clock, "paper");
    stream =
        f.client.openStream(
            new KisStreamListener() {
              @Override
              public void onExecution(ExecutionNotice notice) {
                received.add(notice);
              }
            });
    stream.subscribeExecutions().get(10, TimeUnit.SECONDS);
    term = f.leader.term().orElseThrow();
  }

  @AfterEach
  void stop() {
    stream.close();
    f.close();
  }

  // ------------------------------------------------------------------ helpers

  /** More shares than the best ask level holds: a market buy of it fills at two prices or more. */
  private long deeperThanBestAsk() {
    return f.client.quotations().orderbook(SAMSUNG).asks().get(0).quantity() + 3;
  }

  private OrderRecord brokerOrder(String orderId) {
    return f.brokerOrders().stream()
        .filter(o -> o.orderNumber().sameAs(new OrderNumber(orderId)))
        .findFirst()
        .orElseThrow();
  }

  /** The fill notices of an order, awaited until they add up to what the broker says it filled. */
  private List<FillNotice> noticesOf(String orderId) {
    long filled = brokerOrder(orderId).filledQuantity();
    LocalDay day = new LocalDay();
    await()
        .atMost(PATIENCE)
        .until(() -> day.of(orderId).stream().mapToLong(FillNotice::quantity).sum() == filled);
    return day.of(orderId);
  }

  private final class LocalDay {
    List<FillNotice> of(String orderId) {
      List<FillNotice> out = new ArrayList<>();
      for (ExecutionNotice n : received) {
        if (n.orderNumber().sameAs(new OrderNumber(orderId))) {
          KisExecutionBroker.fill(n, TradingCalendar.kstDate(f.sim.clock.instant()))
              .ifPresent(out::add);
        }
      }
      return out;
    }
  }

  private String send(OrderIntent intent) throws SQLException {
    UUID id = f.insert(intent);
    f.execution.cycle(10);
    assertThat(f.ordersOf(id)).hasSize(1);
    return f.ordersOf(id).get(0);
  }

  private Map<String, Object> position(UUID id) {
    return Jdbi.create(db.admin())
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT qty, avg_price, status FROM trade.positions WHERE position_id = ?")
                    .bind(0, id)
                    .mapToMap()
                    .one());
  }

  private List<Map<String, Object>> fillRows(String orderId) {
    return Jdbi.create(db.admin())
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT qty, price, cum_qty, source, realized_pnl FROM trade.fills"
                            + " WHERE order_id = ? ORDER BY cum_qty")
                    .bind(0, orderId)
                    .mapToMap()
                    .list());
  }

  private static long qty(List<FillNotice> notices) {
    return notices.stream().mapToLong(FillNotice::quantity).sum();
  }

  private static BigDecimal amount(List<FillNotice> notices) {
    return notices.stream()
        .map(n -> BigDecimal.valueOf(n.price() * n.quantity()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal avg(BigDecimal amount, long qty) {
    return amount.divide(BigDecimal.valueOf(qty), 4, RoundingMode.HALF_EVEN);
  }

  private int feed(List<FillNotice> notices) throws SQLException {
    int recorded = 0;
    for (FillNotice n : notices) {
      recorded += fills.notice(term, n);
    }
    return recorded;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void notices_alone_record_each_fill_at_its_own_price() throws SQLException {
    long qty = deeperThanBestAsk();
    OrderIntent entry =
        OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, qty, "P", "N1");
    String order = send(entry);
    List<FillNotice> notices = noticesOf(order);
    assertThat(notices).hasSizeGreaterThanOrEqualTo(2);
    assertThat(notices.stream().map(FillNotice::price).distinct().count()).isGreaterThan(1);

    assertThat(feed(notices)).isEqualTo(notices.size());

    List<Map<String, Object>> rows = fillRows(order);
    assertThat(rows).hasSize(notices.size()).allMatch(r -> r.get("source").equals("notice"));
    long cumulative = 0;
    for (int i = 0; i < notices.size(); i++) {
      cumulative += notices.get(i).quantity();
      assertThat(rows.get(i)).containsEntry("qty", notices.get(i).quantity());
      assertThat(rows.get(i)).containsEntry("cum_qty", cumulative);
      assertThat((BigDecimal) rows.get(i).get("price"))
          .isEqualByComparingTo(BigDecimal.valueOf(notices.get(i).price()));
    }
    Map<String, Object> position = position(Fills.entryPosition(entry.intentId()));
    assertThat(position).containsEntry("qty", qty).containsEntry("status", "OPEN");
    // the hand ledger from the notices equals the broker's own total
    assertThat(amount(notices))
        .isEqualByComparingTo(BigDecimal.valueOf(brokerOrder(order).filledAmount()));
    assertThat((BigDecimal) position.get("avg_price"))
        .isEqualByComparingTo(avg(amount(notices), qty));
    assertThat(f.status(entry.intentId())).isEqualTo("FILLED");
  }

  @Test
  void a_poll_alone_records_the_orders_increase_as_one_fill() throws SQLException {
    long qty = deeperThanBestAsk();
    OrderIntent entry =
        OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, qty, "P", "N2");
    String order = send(entry);
    List<FillNotice> notices = noticesOf(order); // received, but not given to execution

    assertThat(fills.poll(term)).isEqualTo(1);

    assertThat(fillRows(order))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r).containsEntry("qty", qty).containsEntry("source", "poll");
            });
    assertThat((BigDecimal) position(Fills.entryPosition(entry.intentId())).get("avg_price"))
        .isEqualByComparingTo(avg(amount(notices), qty));
    assertThat(f.status(entry.intentId())).isEqualTo("FILLED");
  }

  @Test
  void notices_then_poll_and_poll_then_notices_each_make_one_set_of_rows() throws SQLException {
    long qty = deeperThanBestAsk();
    OrderIntent first =
        OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, qty, "P", "N3");
    String firstOrder = send(first);
    List<FillNotice> firstNotices = noticesOf(firstOrder);
    feed(firstNotices);
    assertThat(fills.poll(term)).isZero(); // the poll finds nothing new
    assertThat(fillRows(firstOrder)).hasSize(firstNotices.size());

    OrderIntent second =
        OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.REBALANCE, qty, "R", "N4")
            .forPosition(Fills.entryPosition(first.intentId()));
    String secondOrder = send(second);
    List<FillNotice> secondNotices = noticesOf(secondOrder);
    assertThat(fills.poll(term)).isEqualTo(1);
    assertThat(feed(secondNotices)).isZero(); // every notice is already counted
    assertThat(fillRows(secondOrder))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r).containsEntry("qty", qty).containsEntry("source", "poll");
            });

    BigDecimal total = amount(firstNotices).add(amount(secondNotices));
    Map<String, Object> position = position(Fills.entryPosition(first.intentId()));
    assertThat(position).containsEntry("qty", 2 * qty);
    // re-averaged: (avg1 * q + avg2 * q) / 2q, each rounded to 4 places as stored
    BigDecimal avg1 = avg(amount(firstNotices), qty);
    BigDecimal avg2 = avg(amount(secondNotices), qty);
    assertThat((BigDecimal) position.get("avg_price"))
        .isEqualByComparingTo(avg1.add(avg2).divide(BigDecimal.TWO, 4, RoundingMode.HALF_EVEN));
    assertThat(avg(total, 2 * qty).subtract((BigDecimal) position.get("avg_price")).abs())
        .isLessThan(new BigDecimal("0.001"));
  }

  @Test
  void notices_delivered_twice_and_polled_twice_are_counted_once() throws SQLException {
    long qty = deeperThanBestAsk();
    OrderIntent entry =
        OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, qty, "P", "N5");
    String order = send(entry);
    List<FillNotice> notices = noticesOf(order);
    List<FillNotice> twice = new ArrayList<>();
    for (FillNotice n : notices) {
      twice.add(n);
      twice.add(n);
    }

    assertThat(feed(twice)).isEqualTo(notices.size());
    assertThat(fills.poll(term)).isZero();
    assertThat(fills.poll(term)).isZero();
    assertThat(feed(notices)).isZero();

    assertThat(fillRows(order)).hasSize(notices.size());
    assertThat(position(Fills.entryPosition(entry.intentId()))).containsEntry("qty", qty);
    long stored =
        Jdbi.create(db.admin())
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM trade.execution_notices")
                        .mapTo(Long.class)
                        .one());
    assertThat(stored).isEqualTo(notices.size());
  }

  @Test
  void notices_before_their_order_row_and_in_reverse_order_are_merged() throws Exception {
    long qty = deeperThanBestAsk();
    OrderIntent entry =
        OrderIntent.market(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, qty, "P", "N6");
    List<Integer> early = new CopyOnWriteArrayList<>();
    // the notices arrive while the order call's answer is not yet committed as SUBMITTED
    f.restart(
        (point, intent) -> {
          if (point == Execution.Point.BROKER_ACCEPTED) {
            await()
                .atMost(PATIENCE)
                .until(
                    () ->
                        received.stream()
                                .filter(ExecutionNotice::fill)
                                .mapToLong(ExecutionNotice::quantity)
                                .sum()
                            == qty);
            List<FillNotice> reversed = new LocalDay().of(received.get(0).orderNumber().value());
            Collections.reverse(reversed);
            try {
              for (FillNotice n : reversed) {
                early.add(fills.notice(f.leader.term().orElseThrow(), n));
              }
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          }
        });
    term = f.leader.term().orElseThrow();
    fills = new Fills(db, new KisExecutionBroker(f.client), f.sim.clock, "paper");
    String order = send(entry);
    List<FillNotice> notices = noticesOf(order);
    assertThat(early)
        .hasSize(notices.size())
        .containsOnly(0); // no order row yet: kept, not applied
    assertThat(fillRows(order)).isEmpty();

    // the next pass applies the waiting notices (in arrival order) before the broker's totals
    assertThat(fills.poll(term)).isEqualTo(notices.size());

    List<Map<String, Object>> rows = fillRows(order);
    assertThat(rows).hasSize(notices.size()).allMatch(r -> r.get("source").equals("notice"));
    assertThat(rows.get(rows.size() - 1)).containsEntry("cum_qty", qty);
    Map<String, Object> position = position(Fills.entryPosition(entry.intentId()));
    assertThat(position).containsEntry("qty", qty);
    assertThat((BigDecimal) position.get("avg_price"))
        .isEqualByComparingTo(avg(amount(notices), qty));
    assertThat(f.status(entry.intentId())).isEqualTo("FILLED");
  }

  @Test
  void a_partial_fill_then_a_cancel_keeps_what_filled_and_the_ledger_closes_by_hand()
      throws SQLException {
    var book = f.client.quotations().orderbook(SAMSUNG);
    long bestAsk = book.asks().get(0).price();
    long atBest = book.asks().get(0).quantity();
    long qty = atBest + 5;
    OrderIntent entry =
        OrderIntent.limit(SAMSUNG, OrderSide.BUY, IntentType.ENTRY, qty, bestAsk, "P", "N7");
    String order = send(entry);
    List<FillNotice> bought = noticesOf(order);
    assertThat(qty(bought)).isEqualTo(atBest);
    feed(bought);
    assertThat(f.status(entry.intentId())).isEqualTo("PARTIALLY_FILLED");
    UUID positionId = Fills.entryPosition(entry.intentId());
    assertThat(position(positionId)).containsEntry("qty", atBest);

    String branch =
        Jdbi.create(db.admin())
            .withHandle(
                h ->
                    h.createQuery("SELECT branch FROM trade.orders WHERE order_id = ?")
                        .bind(0, order)
                        .mapTo(String.class)
                        .one());
    assertThat(new KisExecutionBroker(f.client).cancel(order, branch))
        .isInstanceOf(Placement.Accepted.class);
    fills.poll(term);
    assertThat(f.status(entry.intentId())).isEqualTo("CANCELLED");
    assertThat(position(positionId)).containsEntry("qty", atBest).containsEntry("status", "OPEN");
    BigDecimal avg = avg(amount(bought), atBest);
    assertThat((BigDecimal) position(positionId).get("avg_price")).isEqualByComparingTo(avg);

    // sell it in two: the first by notices, the second by the poll and its notices again
    long firstSale = atBest / 2 == 0 ? 1 : atBest / 2;
    String sell1 =
        send(
            OrderIntent.market(
                    SAMSUNG, OrderSide.SELL, IntentType.EXIT_PARTIAL, firstSale, "TP", "N8")
                .forPosition(positionId));
    List<FillNotice> sold1 = noticesOf(sell1);
    feed(sold1);
    assertThat(position(positionId)).containsEntry("qty", atBest - firstSale);
    BigDecimal realized1 = amount(sold1).subtract(avg.multiply(BigDecimal.valueOf(firstSale)));
    assertThat(realizedOf(sell1)).isEqualByComparingTo(realized1);

    long rest = atBest - firstSale;
    if (rest > 0) {
      String sell2 =
          send(
              OrderIntent.market(SAMSUNG, OrderSide.SELL, IntentType.EXIT_FULL, rest, "SL", "N9")
                  .forPosition(positionId));
      List<FillNotice> sold2 = noticesOf(sell2);
      fills.poll(term);
      feed(sold2);
      BigDecimal realized2 = amount(sold2).subtract(avg.multiply(BigDecimal.valueOf(rest)));
      assertThat(realizedOf(sell2)).isEqualByComparingTo(realized2);
    }
    assertThat(position(positionId)).containsEntry("qty", 0L).containsEntry("status", "CLOSED");
  }

  private BigDecimal realizedOf(String orderId) {
    return fillRows(orderId).stream()
        .map(r -> (BigDecimal) r.get("realized_pnl"))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
