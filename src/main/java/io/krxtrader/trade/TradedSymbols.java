package io.krxtrader.trade;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.market.WatchList;
import io.krxtrader.market.WatchReason;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The symbols trading needs fresh prices for, as PriceSync's {@link WatchList}: {@code HELD} (an
 * OPEN or CLOSING position), {@code CANDIDATE} (a re-entry candidate in COOLDOWN or WATCHING) and
 * {@code PICKED} (a pick of today's runs), each symbol with its strongest reason. So a stale held
 * symbol gets a refresh job at the held priority and the Naver cross-check.
 *
 * <p>The tables are read at most once every {@code refreshEvery} of the app clock (PriceSync asks
 * at every stale scan and must not wait on the database each time); between reads, and while the
 * database cannot be read, the last answer stands.
 */
public final class TradedSymbols implements WatchList {

  private static final Logger log = LoggerFactory.getLogger(TradedSymbols.class);

  private static final String SQL =
      """
      SELECT symbol, 'HELD' FROM trade.positions WHERE status IN ('OPEN', 'CLOSING')
      UNION ALL
      SELECT symbol, 'CANDIDATE' FROM trade.reentry_candidates
       WHERE state IN ('COOLDOWN', 'WATCHING')
      UNION ALL
      SELECT symbol, 'PICKED' FROM trade.picks WHERE run_date = ?
      """;

  private final Database db;
  private final ModuleRole role;
  private final InstantSource clock;
  private final Duration refreshEvery;
  private Map<Symbol, WatchReason> last = Map.of();
  private Instant readAt;
  private boolean failing;

  /** Reads on {@code role}'s pool (every module role may read the trade tables). */
  public TradedSymbols(Database db, ModuleRole role, InstantSource clock, Duration refreshEvery) {
    this.db = Objects.requireNonNull(db, "db");
    this.role = Objects.requireNonNull(role, "role");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshEvery = Objects.requireNonNull(refreshEvery, "refreshEvery");
  }

  @Override
  public synchronized Map<Symbol, WatchReason> watched() {
    Instant now = clock.instant();
    if (readAt == null || !now.isBefore(readAt.plus(refreshEvery))) {
      try {
        last = read(now);
        readAt = now;
        if (failing) {
          log.info("traded symbols read again [symbols={}]", last.size());
          failing = false;
        }
      } catch (RuntimeException e) {
        if (!failing) {
          log.warn(
              "cannot read the traded symbols, keeping the last {} [role={}]: {}",
              last.size(),
              role.displayName(),
              e.toString());
          failing = true;
        }
      }
    }
    return last;
  }

  /**
   * The symbols Track B should carry at start, at most {@code capacity}: held symbols first, then
   * candidates, then {@code configured} in its order (today's picks stay on REST refreshes unless
   * configured). What does not fit is dropped from the end of the configured list.
   */
  public static List<Symbol> subscription(
      Map<Symbol, WatchReason> traded, List<Symbol> configured, int capacity) {
    Set<Symbol> chosen = new LinkedHashSet<>();
    traded.entrySet().stream()
        .filter(e -> e.getValue() == WatchReason.HELD || e.getValue() == WatchReason.CANDIDATE)
        .sorted(
            Comparator.<Map.Entry<Symbol, WatchReason>>comparingInt(e -> e.getValue().ordinal())
                .thenComparing(Map.Entry::getKey))
        .forEach(e -> chosen.add(e.getKey()));
    chosen.addAll(configured);
    return chosen.stream().limit(capacity).toList();
  }

  private Map<Symbol, WatchReason> read(Instant now) {
    List<Map.Entry<Symbol, WatchReason>> rows =
        db.jdbi(role)
            .withHandle(
                h ->
                    h.createQuery(SQL)
                        .bind(0, TradingCalendar.kstDate(now))
                        .map(
                            (rs, ctx) ->
                                Map.entry(
                                    Symbol.of(rs.getString(1)),
                                    WatchReason.valueOf(rs.getString(2))))
                        .list());
    Map<Symbol, WatchReason> merged = new LinkedHashMap<>();
    // WatchReason is declared strongest first
    rows.forEach(
        row ->
            merged.merge(
                row.getKey(), row.getValue(), (a, b) -> b.ordinal() < a.ordinal() ? b : a));
    return Map.copyOf(merged);
  }
}
