package io.krxtrader.trade.risk;

import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Gate 2, risk: the one check every new entry passes, the router's picks and the re-entry engine's
 * re-entries alike. In order, the first failure answers:
 *
 * <ol>
 *   <li>a balance is known (NO_BALANCE);
 *   <li>open positions (OPEN or CLOSING) &lt; {@code risk.max-open-positions} (10);
 *   <li>quantity × price ≤ equity × {@code risk.max-position-pct} (10 %);
 *   <li>entry intents of today (KST) &lt; {@code risk.max-entries-per-day} (5): the router's by the
 *       day in their key, others by their creation time;
 *   <li>quantity × price ≤ orderable cash;
 *   <li>no stop-type exit in the symbol today: a re-entry candidate (made only by SL2, GAP, TRAIL
 *       and BE exits) with its exit today (STOPPED_OUT_TODAY).
 * </ol>
 *
 * It reads on the caller's connection, inside the caller's transaction, so a decision and the facts
 * it was taken on are one snapshot.
 */
public final class RiskGate {

  private static final String OPEN_POSITIONS =
      "SELECT count(*) FROM trade.positions WHERE status IN ('OPEN', 'CLOSING')";
  // The router's entry keys carry their day (ENTRY:{yyyymmdd}:...), which follows the deciding
  // clock (simulated in the demo and in tests); other entries (re-entries) count by created_ts.
  private static final String ENTRIES_TODAY =
      "SELECT count(*) FROM trade.order_intents WHERE intent_type = 'ENTRY'"
          + " AND (action_key LIKE ? OR (action_key NOT LIKE 'ENTRY:%'"
          + " AND created_ts >= ? AND created_ts < ?))";
  private static final String STOPPED_TODAY =
      "SELECT count(*) FROM trade.reentry_candidates WHERE symbol = ?"
          + " AND exit_ts >= ? AND exit_ts < ?";

  private final RiskConfig config;
  private final BalanceSource balances;

  public RiskGate(RiskConfig config, BalanceSource balances) {
    this.config = config;
    this.balances = balances;
  }

  public RiskConfig config() {
    return config;
  }

  /** The latest balance, for sizing an entry before {@link #check}. */
  public Optional<AccountBalance> balance(Connection connection) throws SQLException {
    return balances.latest(connection);
  }

  /** Checks an entry of {@code quantity} shares of {@code symbol} at {@code price} won. */
  public RiskResult check(
      Connection connection, Symbol symbol, long quantity, long price, Instant now)
      throws SQLException {
    Optional<AccountBalance> balance = balances.latest(connection);
    if (balance.isEmpty()) {
      return new RiskResult.Failed(RiskReason.NO_BALANCE, "no balance recorded");
    }
    long open = count(connection, OPEN_POSITIONS);
    if (open >= config.maxOpenPositions()) {
      return new RiskResult.Failed(
          RiskReason.MAX_OPEN_POSITIONS, "open=" + open + " max=" + config.maxOpenPositions());
    }
    long value = Math.multiplyExact(quantity, price);
    long allowed = balance.get().equity() * config.maxPositionPercent() / 100;
    if (value > allowed) {
      return new RiskResult.Failed(
          RiskReason.POSITION_TOO_LARGE, "value=" + value + " allowed=" + allowed);
    }
    LocalDate day = TradingCalendar.kstDate(now);
    Timestamp from = Timestamp.from(day.atStartOfDay(TradingCalendar.KST).toInstant());
    Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(TradingCalendar.KST).toInstant());
    String routerKeys =
        "ENTRY:" + day.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + ":%";
    long entries = count(connection, ENTRIES_TODAY, routerKeys, from, to);
    if (entries >= config.maxEntriesPerDay()) {
      return new RiskResult.Failed(
          RiskReason.MAX_ENTRIES_PER_DAY,
          "entries=" + entries + " max=" + config.maxEntriesPerDay());
    }
    if (value > balance.get().orderableCash()) {
      return new RiskResult.Failed(
          RiskReason.INSUFFICIENT_CASH,
          "value=" + value + " orderable=" + balance.get().orderableCash());
    }
    if (count(connection, STOPPED_TODAY, symbol.code(), from, to) > 0) {
      return new RiskResult.Failed(RiskReason.STOPPED_OUT_TODAY, "symbol=" + symbol);
    }
    return new RiskResult.Passed();
  }

  private static long count(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
