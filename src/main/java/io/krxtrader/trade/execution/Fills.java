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
 * Fills from the broker's day (inquire-daily-ccld) into {@code trade.fills} and the positions. The
 * broker reports each order's cumulative filled quantity and amount; every increase is one fill
 * whose id is derived from the order and the cumulative quantity it reached ({@link #fillId}), so a
 * fill seen twice (two polls, a poll after a restart, a notice path that reports the same
 * cumulative) is one row. A fill's price is the increase in amount over the increase in quantity.
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
      BrokerOrder seen = byId.get(open.orderId());
      if (seen == null) {
        continue;
      }
      recorded += apply(term, open, seen);
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
    Instant cutoff = clock.instant().minus(timeout);
    List<String[]> stale = new ArrayList<>();
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT o.order_id, o.branch, o.intent_id FROM trade.orders o"
                    + " JOIN trade.order_intents i USING (intent_id)"
                    + " WHERE o.status IN ('OPEN', 'PARTIAL') AND i.order_type = 'LMT'"
                    + " AND o.submitted_ts <= ? ORDER BY o.submitted_ts")) {
      s.setTimestamp(1, Timestamp.from(cutoff));
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
    List<Open> open = new ArrayList<>();
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT o.order_id, o.intent_id, i.side, i.symbol, i.qty, i.intent_type,"
                    + " i.position_id, i.status FROM trade.orders o"
                    + " JOIN trade.order_intents i USING (intent_id)"
                    + " WHERE o.status IN ('OPEN', 'PARTIAL') ORDER BY o.submitted_ts");
        ResultSet rs = s.executeQuery()) {
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
    return open;
  }

  private int apply(Term term, Open open, BrokerOrder seen) throws SQLException {
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection()) {
      c.setAutoCommit(false);
      try {
        term.check(c);
        long filled;
        BigDecimal amount;
        try (PreparedStatement s =
            c.prepareStatement(
                "SELECT filled_qty, filled_amount FROM trade.orders WHERE order_id = ? FOR UPDATE")) {
          s.setString(1, open.orderId());
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            filled = rs.getLong(1);
            amount = rs.getBigDecimal(2);
          }
        }
        int recorded = 0;
        long cumulative = seen.filledQuantity();
        if (cumulative > filled) {
          long q = cumulative - filled;
          BigDecimal price =
              BigDecimal.valueOf(seen.filledAmount())
                  .subtract(amount)
                  .divide(BigDecimal.valueOf(q), 4, RoundingMode.HALF_EVEN);
          Instant now = clock.instant();
          UUID position = position(c, open, price, q, now);
          BigDecimal realized = null;
          if (open.side().equals("SELL")) {
            realized = sell(c, position, price, q);
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO trade.fills (fill_id, order_id, ts, qty, price, cum_qty, side,"
                      + " realized_pnl, source, position_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                      + " 'poll', ?) ON CONFLICT (fill_id) DO NOTHING")) {
            s.setObject(1, fillId(open.orderId(), cumulative));
            s.setString(2, open.orderId());
            s.setTimestamp(3, Timestamp.from(now));
            s.setLong(4, q);
            s.setBigDecimal(5, price);
            s.setLong(6, cumulative);
            s.setString(7, open.side());
            s.setBigDecimal(8, realized);
            s.setObject(9, position);
            if (s.executeUpdate() == 0) {
              c.rollback(); // recorded before: nothing to do
              return 0;
            }
          }
          recorded = 1;
        }
        boolean complete = cumulative >= open.qty();
        boolean closed = !complete && seen.done();
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE trade.orders SET filled_qty = ?, filled_amount = ?, status = ?,"
                    + " updated_ts = now() WHERE order_id = ?")) {
          s.setLong(1, Math.max(filled, cumulative));
          s.setBigDecimal(
              2, cumulative > filled ? BigDecimal.valueOf(seen.filledAmount()) : amount);
          s.setString(
              3, complete ? "FILLED" : closed ? "CANCELLED" : cumulative > 0 ? "PARTIAL" : "OPEN");
          s.setString(4, open.orderId());
          s.executeUpdate();
        }
        IntentState from =
            open.intentStatus().equals("PARTIALLY_FILLED")
                ? new IntentState.PartiallyFilled(filled)
                : new IntentState.Submitted(open.orderId());
        IntentState to = from;
        if (cumulative > filled) {
          to = from.on(new IntentState.Fill(cumulative, open.qty())).orElse(from);
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
        c.commit();
        return recorded;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
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
