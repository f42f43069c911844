package io.krxtrader.trade.execution;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.trade.execution.Broker.BrokerHolding;
import io.krxtrader.trade.execution.Mismatches.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The broker's holdings into {@code trade.holdings} (each line's raw kept) and every difference
 * from the open positions into {@code trade.holding_mismatches}: a quantity, an average price (more
 * than {@link #AVG_TOLERANCE} won apart), or a symbol only one side has. A mismatch stays open
 * (first seen, last seen) until a refresh finds both sides agreeing or {@link #adopt} makes the
 * positions agree with the broker, recording what it changed. Every write checks the execution
 * leader's term.
 */
public final class Holdings {

  /** Average prices closer than this (won) agree: KIS states four decimals. */
  public static final BigDecimal AVG_TOLERANCE = new BigDecimal("0.01");

  private final Database db;
  private final Broker broker;
  private final InstantSource clock;
  private final String accountId;

  public Holdings(Database db, Broker broker, InstantSource clock, String accountId) {
    this.db = Objects.requireNonNull(db, "db");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
  }

  private record Side(long qty, BigDecimal avg) {}

  /** Reads the balance, stores it and records the mismatches; returns the open ones. */
  public List<Mismatches.Mismatch> refresh(Term term) throws SQLException {
    List<BrokerHolding> held = broker.holdings();
    Instant now = clock.instant();
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection()) {
      c.setAutoCommit(false);
      try {
        term.check(c);
        try (PreparedStatement s =
            c.prepareStatement("DELETE FROM trade.holdings WHERE account_id = ?")) {
          s.setString(1, accountId);
          s.executeUpdate();
        }
        Map<String, Side> broker = new TreeMap<>();
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO trade.holdings (account_id, symbol, qty, avg_price, current_price, pnl,"
                    + " pnl_pct, updated_ts, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
          for (BrokerHolding h : held) {
            s.setString(1, accountId);
            s.setString(2, h.symbol().code());
            s.setLong(3, h.quantity());
            s.setBigDecimal(4, h.averagePrice());
            s.setLong(5, h.currentPrice());
            s.setLong(6, h.profitLoss());
            s.setDouble(7, h.profitLossRate().doubleValue());
            s.setTimestamp(8, Timestamp.from(now));
            s.setString(9, h.raw());
            s.addBatch();
            if (h.quantity() > 0) {
              broker.merge(
                  h.symbol().code(),
                  new Side(h.quantity(), h.averagePrice()),
                  (a, b) -> new Side(a.qty() + b.qty(), a.avg()));
            }
          }
          s.executeBatch();
        }
        Map<String, Side> ours = positions(c);
        TreeSet<String> symbols = new TreeSet<>(broker.keySet());
        symbols.addAll(ours.keySet());
        List<String> agreeing = new ArrayList<>();
        for (String symbol : symbols) {
          Side b = broker.get(symbol);
          Side p = ours.get(symbol);
          Optional<Kind> kind = kind(b, p);
          if (kind.isEmpty()) {
            agreeing.add(symbol);
          } else {
            record(c, symbol, kind.get(), p, b, now);
          }
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE trade.holding_mismatches SET resolved_ts = ?,"
                    + " resolution = 'both sides agree again' WHERE account_id = ? AND resolved_ts"
                    + " IS NULL AND NOT (symbol = ANY (?))")) {
          s.setTimestamp(1, Timestamp.from(now));
          s.setString(2, accountId);
          List<String> open = new ArrayList<>(symbols);
          open.removeAll(agreeing);
          s.setArray(3, c.createArrayOf("text", open.toArray()));
          s.executeUpdate();
        }
        c.commit();
        return Mismatches.open(c);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static Optional<Kind> kind(Side b, Side p) {
    if (b == null) {
      return Optional.of(Kind.POSITION_ONLY);
    }
    if (p == null) {
      return Optional.of(Kind.BROKER_ONLY);
    }
    if (b.qty() != p.qty()) {
      return Optional.of(Kind.QTY);
    }
    if (b.avg().subtract(p.avg()).abs().compareTo(AVG_TOLERANCE) > 0) {
      return Optional.of(Kind.AVG_PRICE);
    }
    return Optional.empty();
  }

  private Map<String, Side> positions(Connection c) throws SQLException {
    Map<String, Side> ours = new TreeMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT symbol, sum(qty), sum(qty * avg_price) FROM trade.positions"
                + " WHERE account_id = ? AND status IN ('OPEN', 'CLOSING') AND qty > 0"
                + " GROUP BY symbol")) {
      s.setString(1, accountId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long qty = rs.getLong(2);
          ours.put(
              rs.getString(1),
              new Side(
                  qty,
                  rs.getBigDecimal(3).divide(BigDecimal.valueOf(qty), 4, RoundingMode.HALF_EVEN)));
        }
      }
    }
    return ours;
  }

  private void record(Connection c, String symbol, Kind kind, Side p, Side b, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE trade.holding_mismatches SET kind = ?, position_qty = ?, position_avg = ?,"
                + " holding_qty = ?, holding_avg = ?, last_seen = ?"
                + " WHERE account_id = ? AND symbol = ? AND resolved_ts IS NULL")) {
      bind(s, kind, p, b, now);
      s.setString(7, accountId);
      s.setString(8, symbol);
      if (s.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO trade.holding_mismatches (kind, position_qty, position_avg, holding_qty,"
                + " holding_avg, last_seen, account_id, symbol, first_seen, mismatch_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bind(s, kind, p, b, now);
      s.setString(7, accountId);
      s.setString(8, symbol);
      s.setTimestamp(9, Timestamp.from(now));
      s.setObject(10, UUID.randomUUID());
      s.executeUpdate();
    }
  }

  private static void bind(PreparedStatement s, Kind kind, Side p, Side b, Instant now)
      throws SQLException {
    s.setString(1, kind.name());
    s.setObject(2, p == null ? null : p.qty(), java.sql.Types.BIGINT);
    s.setBigDecimal(3, p == null ? null : p.avg());
    s.setObject(4, b == null ? null : b.qty(), java.sql.Types.BIGINT);
    s.setBigDecimal(5, b == null ? null : b.avg());
    s.setTimestamp(6, Timestamp.from(now));
  }

  /**
   * Makes the positions agree with the broker for every open mismatch and records, on the mismatch,
   * what changed.
   *
   * @return one line per change
   */
  public List<String> adopt(Term term) throws SQLException {
    return adopt(db, term, clock.instant());
  }

  /**
   * {@link #adopt(Term)} without a broker (the operator's {@code reconcile --adopt}): the open
   * mismatches already say what the broker holds.
   */
  public static List<String> adopt(Database db, Term term, Instant now) throws SQLException {
    List<String> changes = new ArrayList<>();
    try (Connection c = db.dataSource(ModuleRole.EXECUTION).getConnection()) {
      c.setAutoCommit(false);
      try {
        term.check(c);
        for (Mismatches.Mismatch m : Mismatches.open(c)) {
          String change = adoptOne(c, m, now);
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE trade.holding_mismatches SET resolved_ts = ?, resolution = ?"
                      + " WHERE mismatch_id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, "adopted: " + change);
            s.setObject(3, m.id());
            s.executeUpdate();
          }
          changes.add(m.symbol().code() + " " + m.kind() + ": " + change);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return changes;
  }

  private static String adoptOne(Connection c, Mismatches.Mismatch m, Instant now)
      throws SQLException {
    String accountId = m.accountId();
    List<UUID> open = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT position_id FROM trade.positions WHERE account_id = ? AND symbol = ?"
                + " AND status IN ('OPEN', 'CLOSING') AND qty > 0 ORDER BY entry_ts, position_id")) {
      s.setString(1, accountId);
      s.setString(2, m.symbol().code());
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          open.add(rs.getObject(1, UUID.class));
        }
      }
    }
    if (m.kind() == Kind.BROKER_ONLY) {
      UUID id = UUID.randomUUID();
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO trade.positions (position_id, account_id, symbol, side, qty, avg_price,"
                  + " entry_ts, status, strategy_id) VALUES (?, ?, ?, 'LONG', ?, ?, ?, 'OPEN',"
                  + " 'adopted')")) {
        s.setObject(1, id);
        s.setString(2, accountId);
        s.setString(3, m.symbol().code());
        s.setLong(4, m.holdingQty().orElseThrow());
        s.setBigDecimal(5, m.holdingAvg().orElseThrow());
        s.setTimestamp(6, Timestamp.from(now));
        s.executeUpdate();
      }
      return "opened position "
          + id
          + " qty "
          + m.holdingQty().orElseThrow()
          + " avg "
          + m.holdingAvg().orElseThrow();
    }
    StringBuilder change = new StringBuilder();
    for (int i = 0; i < open.size(); i++) {
      boolean keep = i == 0 && m.kind() != Kind.POSITION_ONLY;
      try (PreparedStatement s =
          c.prepareStatement(
              keep
                  ? "UPDATE trade.positions SET qty = ?, avg_price = ? WHERE position_id = ?"
                  : "UPDATE trade.positions SET qty = 0, status = 'CLOSED' WHERE position_id = ?")) {
        if (keep) {
          s.setLong(1, m.holdingQty().orElseThrow());
          s.setBigDecimal(2, m.holdingAvg().orElseThrow());
          s.setObject(3, open.get(i));
        } else {
          s.setObject(1, open.get(i));
        }
        s.executeUpdate();
      }
      change
          .append(change.isEmpty() ? "" : "; ")
          .append("position ")
          .append(open.get(i))
          .append(
              keep
                  ? " qty "
                      + m.positionQty().orElse(0L)
                      + " -> "
                      + m.holdingQty().orElseThrow()
                      + ", avg "
                      + m.positionAvg().map(BigDecimal::toPlainString).orElse("-")
                      + " -> "
                      + m.holdingAvg().orElseThrow()
                  : " closed (the broker holds none of it)");
    }
    return change.toString();
  }
}
