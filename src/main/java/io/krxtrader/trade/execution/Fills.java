package io.krxtrader.trade.execution;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.Leadership.Term;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Fills into {@code trade.fills} and the positions, from two sources merged: the broker's execution
 * notices ({@link #notice}, kept once each in {@code trade.execution_notices}) and the broker's day
 * (inquire-daily-ccld, {@link #poll}), which reports each order's cumulative filled quantity and
 * amount. A fill's id is derived from the order and the cumulative quantity it reached ({@link
 * #fillId}), and an order's counted quantity and amount only grow: a notice is recorded as a fill
 * only when the notices before it add up to exactly what is counted, and a poll records the
 * increase of the broker's cumulative over it. So a notice and a poll of the same fill make one
 * row, a notice delivered twice is one notice, and a notice lost, late or out of order leaves the
 * poll to count it. A poll's fill price is the increase in amount over the increase in quantity.
 *
 * <p>Positions: a buy raises qty and re-averages avg_price ({@code (avg*qty + price*q)/(qty+q)});
 * an ENTRY's first fill opens the position (id derived from the intent); a sell lowers qty and
 * records {@code (price - avg) * q} as realized P&amp;L on the fill (before fees and tax); qty 0
 * closes the position (CLOSED, which the re-entry engine reads). Every position write goes through
 * the {@code version} trigger. An order whose rest the broker cancelled or refused moves its intent
 * to CANCELLED. Every write checks the execution leader's term.
 */
public final class Fills {

  private final Database db;
  private final Broker broker;
  private final InstantSource clock;
  private final String accountId;

  public Fills(Database db, Broker broker, InstantSource clock, String accountId) {
    this.db = Objects.requireNonNull(db, "db");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
  }

  /** The id of the fill that brought {@code orderId} to {@code cumulative} shares filled. */
  public static UUID fillId(String orderId, long cumulative) {
    return UUID.nameUUIDFromBytes((orderId + ":" + cumulative).getBytes(StandardCharsets.UTF_8));
  }

  /** The position an ENTRY intent opens. */
  public static UUID entryPosition(UUID intentId) {
    return UUID.nameUUIDFromBytes(("position:" + intentId).getBytes(StandardCharsets.UTF_8));
  }

  private record Open(
      String orderId,
      UUID intentId,
      String side,
      String symbol,
      long qty,
      String intentType,
      UUID positionId,
      String intentStatus) {}

  /**
   * Reads the broker's day and records every new fill and closed order.
   *
   * @return the number of fills recorded
   */
  public int poll(Term term) throws SQLException {
    List<BrokerOrder> day = broker.dayOrders(TradingCalendar.kstDate(clock.instant()));
    Map<String, BrokerOrder> byId = new HashMap<>();
    for (BrokerOrder order : day) {
      if (!order.change()) {
        byId.put(order.orderId(), order);
      }
    }
    int recorded = 0;
    for (Open open : openOrders()) {
      recorded += apply(term, open, byId.get(open.orderId()));
    }
    return recorded;
  }

  /**
   * Asks the broker to cancel what is still open of every limit order submitted at least {@code
   * timeout} ago ({@link java.time.Duration#ZERO} at the end of the session: all of them), and
   * records the request on the intent. The next {@link #poll} sees the cancel and moves the intent
   * to CANCELLED (or FILLED if it filled first). A cancel whose outcome is unknown is simply asked
   * again next time: cancelling twice cannot trade.
   *
   * @return the number of cancels the broker accepted
   */
  public int cancelStale(Term term, java.time.Duration timeout) throws SQLException {
    return cancel(
        term,
        "SELECT o.order_id, o.branch, o.intent_id FROM trade.orders o"
            + " JOIN trade.order_intents i USING (intent_id)"
            + " WHERE o.status IN ('OPEN', 'PARTIAL') AND i.order_type = 'LMT'"
            + " AND o.submitted_ts <= ? ORDER BY o.submitted_ts",
        Timestamp.from(clock.instant().minus(timeout)));
  }

  /**
   * Asks the broker to cancel the open rest of every order whose intent's creator asked for its
   * cancellation ({@link io.krxtrader.trade.IntentCancellations}), like {@link #cancelStale}.
   *
   * @return the number of cancels the broker accepted
   */
  public int cancelRequested(Term term) throws SQLException {
    return cancel(
        term,
        "SELECT o.order_id, o.branch, o.intent_id FROM trade.orders o"
            + " JOIN trade.intent_cancellations r USING (intent_id)"
            + " WHERE o.status IN ('OPEN', 'PARTIAL') ORDER BY o.submitted_ts",
        null);
  }

  /** Cancels the orders {@code select} finds (order id, branch, intent id; one optional bind). */
  private int cancel(Term term, String select, Timestamp bind) throws SQLException {
    List<String[]> stale = new ArrayList<>();
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection();
        PreparedStatement s = c.prepareStatement(select)) {
      if (bind != null) {
        s.setTimestamp(1, bind);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          stale.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
    }
    int accepted = 0;
    for (String[] order : stale) {
      Placement answer = broker.cancel(order[0], order[1]);
      String note =
          switch (answer) {
            case Placement.Accepted a -> "cancel of the rest accepted (order " + a.orderId() + ")";
            case Placement.Rejected r -> "cancel refused: " + r.msgCd() + " " + r.message();
            case Placement.Ambiguous a -> "cancel outcome unknown: " + a.reason();
          };
      if (answer instanceof Placement.Accepted) {
        accepted++;
      }
      try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection()) {
        c.setAutoCommit(false);
        try {
          term.check(c);
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE trade.order_intents SET status_reason = ?, updated_ts = now()"
                      + " WHERE intent_id = ?::uuid")) {
            s.setString(1, note);
            s.setString(2, order[2]);
            s.executeUpdate();
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    }
    return accepted;
  }

  private List<Open> openOrders() throws SQLException {
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection()) {
      return openOrders(c, null);
    }
  }

  /** The open and partly filled orders, all or the one numbered {@code orderId} (any padding). */
  private static List<Open> openOrders(Connection c, String orderId) throws SQLException {
    List<Open> open = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT o.order_id, o.intent_id, i.side, i.symbol, i.qty, i.intent_type,"
                + " i.position_id, i.status FROM trade.orders o"
                + " JOIN trade.order_intents i USING (intent_id)"
                + " WHERE o.status IN ('OPEN', 'PARTIAL')"
                + " AND (CAST(? AS text) IS NULL OR ltrim(o.order_id, '0') = ltrim(?, '0'))"
                + " ORDER BY o.submitted_ts")) {
      s.setString(1, orderId);
      s.setString(2, orderId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          open.add(
              new Open(
                  rs.getString(1),
                  rs.getObject(2, UUID.class),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getString(6),
                  rs.getObject(7, UUID.class),
                  rs.getString(8)));
        }
      }
    }
    return open;
  }

  /**
   * Records one execution notice, once (a notice delivered again is the same row of {@code
   * trade.execution_notices}), and the fill it reports when its order is known and the notices
   * before it add up to what is already counted. A notice that arrives before its order row (the
   * order call's answer not yet committed) waits in the table for the next {@link #poll}.
   *
   * @return the number of fills recorded (0 or 1, more when it closes a gap of earlier notices)
   */
  public int notice(Term term, FillNotice notice) throws SQLException {
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection()) {
      c.setAutoCommit(false);
      try {
        term.check(c);
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO trade.execution_notices (notice_id, order_id, symbol, side, qty,"
                    + " price, fill_ts, received_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (notice_id) DO NOTHING")) {
          s.setObject(1, notice.id());
          s.setString(2, notice.orderId());
          s.setString(3, notice.symbol().code());
          s.setString(4, notice.side().name());
          s.setLong(5, notice.quantity());
          s.setLong(6, notice.price());
          s.setTimestamp(7, Timestamp.from(notice.time()));
          s.setTimestamp(8, Timestamp.from(clock.instant()));
          if (s.executeUpdate() == 0) {
            c.rollback(); // delivered before
            return 0;
          }
        }
        int recorded = 0;
        for (Open open : openOrders(c, notice.orderId())) {
          recorded += apply(c, open, null);
        }
        c.commit();
        return recorded;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private int apply(Term term, Open open, BrokerOrder seen) throws SQLException {
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection()) {
      c.setAutoCommit(false);
      try {
        term.check(c);
        int recorded = apply(c, open, seen);
        c.commit();
        return recorded;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** A notice waiting in the journal. */
  private record Noticed(long qty, BigDecimal price, Instant time) {}

  /**
   * Brings one order up to date in the caller's transaction: first the notices of the order in
   * arrival order, each recorded as a fill only when the notices before it add up to exactly the
   * quantity and amount already counted (so a notice already covered by a poll, or one after a gap,
   * records nothing); then the broker's cumulative figures ({@code seen}, when polled), whose
   * increase over what is counted is one fill. Both sources name a fill by the order and the
   * cumulative quantity it reached ({@link #fillId}), and neither can count a share twice.
   */
  private int apply(Connection c, Open open, BrokerOrder seen) throws SQLException {
    long filled;
    BigDecimal amount;
    String status;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT filled_qty, filled_amount, status FROM trade.orders WHERE order_id = ?"
                + " FOR UPDATE")) {
      s.setString(1, open.orderId());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        filled = rs.getLong(1);
        amount = rs.getBigDecimal(2);
        status = rs.getString(3);
      }
    }
    if (!status.equals("OPEN") && !status.equals("PARTIAL")) {
      return 0; // finished while we looked
    }
    long before = filled;
    int recorded = 0;
    List<Noticed> notices = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT qty, price, fill_ts FROM trade.execution_notices"
                + " WHERE ltrim(order_id, '0') = ltrim(?, '0') ORDER BY seq")) {
      s.setString(1, open.orderId());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          notices.add(
              new Noticed(rs.getLong(1), rs.getBigDecimal(2), rs.getTimestamp(3).toInstant()));
        }
      }
    }
    long noticedQty = 0;
    BigDecimal noticedAmount = BigDecimal.ZERO;
    for (Noticed n : notices) {
      long nextQty = noticedQty + n.qty();
      BigDecimal nextAmount = noticedAmount.add(n.price().multiply(BigDecimal.valueOf(n.qty())));
      if (noticedQty == filled && noticedAmount.compareTo(amount) == 0 && nextQty <= open.qty()) {
        record(c, open, n.qty(), n.price(), nextQty, n.time(), "notice");
        filled = nextQty;
        amount = nextAmount;
        recorded++;
      }
      noticedQty = nextQty;
      noticedAmount = nextAmount;
    }
    boolean closed = false;
    if (seen != null) {
      long cumulative = seen.filledQuantity();
      if (cumulative > filled) {
        long q = cumulative - filled;
        BigDecimal price =
            BigDecimal.valueOf(seen.filledAmount())
                .subtract(amount)
                .divide(BigDecimal.valueOf(q), 4, RoundingMode.HALF_EVEN);
        record(c, open, q, price, cumulative, clock.instant(), "poll");
        filled = cumulative;
        amount = BigDecimal.valueOf(seen.filledAmount());
        recorded++;
      }
      closed = filled < open.qty() && seen.done() && seen.filledQuantity() <= filled;
    }
    boolean complete = filled >= open.qty();
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE trade.orders SET filled_qty = ?, filled_amount = ?, status = ?,"
                + " updated_ts = now() WHERE order_id = ?")) {
      s.setLong(1, filled);
      s.setBigDecimal(2, amount);
      s.setString(3, complete ? "FILLED" : closed ? "CANCELLED" : filled > 0 ? "PARTIAL" : "OPEN");
      s.setString(4, open.orderId());
      s.executeUpdate();
    }
    IntentState from =
        open.intentStatus().equals("PARTIALLY_FILLED")
            ? new IntentState.PartiallyFilled(before)
            : new IntentState.Submitted(open.orderId());
    IntentState to = from;
    if (filled > before) {
      to = from.on(new IntentState.Fill(filled, open.qty())).orElse(from);
    }
    if (closed) {
      to = to.on(new IntentState.Closed()).orElse(to);
    }
    if (!to.equals(from)) {
      try (PreparedStatement s =
          c.prepareStatement(
              "UPDATE trade.order_intents SET status = ?, updated_ts = now()"
                  + " WHERE intent_id = ? AND status = ?")) {
        s.setString(1, to.status().name());
        s.setObject(2, open.intentId());
        s.setString(3, from.status().name());
        s.executeUpdate();
      }
    }
    return recorded;
  }

  /** One fill: the position moves (a buy re-averages, a sell realises), then the fill row. */
  private void record(
      Connection c, Open open, long q, BigDecimal price, long cumulative, Instant at, String source)
      throws SQLException {
    UUID position = position(c, open, price, q, at);
    BigDecimal realized = null;
    if (open.side().equals("SELL")) {
      realized = sell(c, position, price, q);
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, cum_qty, side,"
                + " realized_pnl, source, position_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (fill_id) DO NOTHING")) {
      s.setObject(1, fillId(open.orderId(), cumulative));
      s.setString(2, open.orderId());
      s.setTimestamp(3, Timestamp.from(at));
      s.setLong(4, q);
      s.setBigDecimal(5, price);
      s.setLong(6, cumulative);
      s.setString(7, open.side());
      s.setBigDecimal(8, realized);
      s.setString(9, source);
      s.setObject(10, position);
      if (s.executeUpdate() == 0) {
        // the order row counts less than an existing fill: never write the position twice
        throw new IllegalStateException(
            "a fill is recorded beyond its order's filled quantity [order="
                + open.orderId()
                + ", cumulative="
                + cumulative
                + "]");
      }
    }
  }

  /** The position a fill belongs to; a buy is added to it (opened if new). */
  private UUID position(Connection c, Open open, BigDecimal price, long q, Instant now)
      throws SQLException {
    UUID id = open.positionId();
    if (id == null && open.intentType().equals("ENTRY")) {
      id = entryPosition(open.intentId());
    }
    if (id == null) {
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT position_id FROM trade.positions WHERE account_id = ? AND symbol = ?"
                  + " AND status IN ('OPEN', 'CLOSING') ORDER BY entry_ts LIMIT 1")) {
        s.setString(1, accountId);
        s.setString(2, open.symbol());
        try (ResultSet rs = s.executeQuery()) {
          id = rs.next() ? rs.getObject(1, UUID.class) : entryPosition(open.intentId());
        }
      }
    }
    if (open.side().equals("BUY")) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price,"
                  + " entry_ts, status) VALUES (?, ?, ?, 'LONG', ?, ?, ?, 'OPEN')"
                  + " ON CONFLICT (position_id) DO UPDATE SET"
                  + " avg_price = round((trade.positions.avg_price * trade.positions.qty"
                  + " + EXCLUDED.avg_price * EXCLUDED.qty) / (trade.positions.qty + EXCLUDED.qty), 4),"
                  + " qty = trade.positions.qty + EXCLUDED.qty, status = 'OPEN'")) {
        s.setObject(1, id);
        s.setString(2, accountId);
        s.setString(3, open.symbol());
        s.setLong(4, q);
        s.setBigDecimal(5, price);
        s.setTimestamp(6, Timestamp.from(now));
        s.executeUpdate();
      }
    }
    return id;
  }

  /** Lowers the position by a sell and returns the realized P&amp;L before fees. */
  private static BigDecimal sell(Connection c, UUID position, BigDecimal price, long q)
      throws SQLException {
    BigDecimal avg = BigDecimal.ZERO;
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE trade.positions SET qty = GREATEST(qty - ?, 0),"
                + " status = CASE WHEN qty - ? <= 0 THEN 'CLOSED' ELSE status END"
                + " WHERE position_id = ? RETURNING avg_price")) {
      s.setLong(1, q);
      s.setLong(2, q);
      s.setObject(3, position);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          avg = rs.getBigDecimal(1);
        } else {
          return null; // a sell of no known position: the holdings check reports it
        }
      }
    }
    return price.subtract(avg).multiply(BigDecimal.valueOf(q));
  }
}
