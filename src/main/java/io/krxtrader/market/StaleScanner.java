package io.krxtrader.market;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.db.Transactions;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The periodic look at watched symbols: during the session (continuous trading and the closing
 * auction), a watched symbol whose best price is older than {@code stale-after} is marked stale
 * with a reason and gets a KIS REST refresh job; held symbols also get a Naver job every {@code
 * naver-every} for the cross-check. Outside the session nothing is stale. Runs in one process at a
 * time (the {@link SyncNode} leader).
 */
final class StaleScanner {

  /** What one scan found. */
  record Result(boolean inSession, Map<Symbol, StaleReason> stale, int restJobs, int naverJobs) {}

  private static final String READ =
      JobStatus.sql(
          """
      SELECT t.symbol, f.best_ts, coalesce(f.is_stale, false) AS is_stale, f.stale_reason,
             EXISTS (SELECT 1 FROM market.sync_jobs j
                      WHERE j.symbol = t.symbol AND j.source = 'KIS_REST'
                        AND j.status IN ({PENDING}, {RUNNING}) AND j.last_error IS NOT NULL)
               AS rest_failed
        FROM unnest(?::text[]) AS t (symbol)
        LEFT JOIN market.freshness f ON f.symbol = t.symbol
      """);

  private static final String CURRENTLY_STALE =
      "SELECT symbol FROM market.freshness WHERE is_stale";

  private static final String LATEST_WS = "SELECT max(last_ws_ts) FROM market.freshness";

  private static final String MARK =
      """
      INSERT INTO market.freshness AS f (symbol, is_stale, stale_reason, updated_ts)
      SELECT t.symbol, t.stale, t.reason, ?
        FROM unnest(?::text[], ?::boolean[], ?::text[]) AS t (symbol, stale, reason)
      ON CONFLICT (symbol) DO UPDATE SET
             is_stale = excluded.is_stale, stale_reason = excluded.stale_reason,
             updated_ts = excluded.updated_ts
      """;

  private final DataSource dataSource;
  private final SyncQueue queue;
  private final MarketConfig config;
  private final TradingCalendar calendar;
  private final InstantSource clock;
  private final List<WatchList> watchLists;
  private final BooleanSupplier webSocketDown;
  private final Map<Symbol, Instant> lastNaverRequest = new HashMap<>();

  /**
   * @param webSocketDown whether this process's KIS client reported its WebSocket down
   */
  StaleScanner(
      DataSource dataSource,
      SyncQueue queue,
      MarketConfig config,
      TradingCalendar calendar,
      InstantSource clock,
      List<WatchList> watchLists,
      BooleanSupplier webSocketDown) {
    this.dataSource = dataSource;
    this.queue = queue;
    this.config = config;
    this.calendar = calendar;
    this.clock = clock;
    this.watchLists = List.copyOf(watchLists);
    this.webSocketDown = webSocketDown;
  }

  /** Every watched symbol with its strongest reason (highest priority). */
  Map<Symbol, WatchReason> watched() {
    Map<Symbol, WatchReason> merged = new TreeMap<>();
    for (WatchList list : watchLists) {
      list.watched()
          .forEach(
              (symbol, reason) ->
                  merged.merge(
                      symbol,
                      reason,
                      (a, b) ->
                          config.priorities().of(b) > config.priorities().of(a)
                                  || (config.priorities().of(b) == config.priorities().of(a)
                                      && b.ordinal() < a.ordinal())
                              ? b
                              : a));
    }
    return merged;
  }

  Result scan() {
    Instant now = clock.instant();
    Map<Symbol, WatchReason> watched = watched();
    boolean inSession = calendar.phaseAt(now).isRegularSession();
    Map<Symbol, StaleReason> stale;
    try {
      stale = mark(now, inSession ? watched : Map.of());
    } catch (SQLException e) {
      throw new KrxTraderException("stale scan failed", e);
    }
    if (!inSession) {
      return new Result(false, stale, 0, 0);
    }
    List<SyncQueue.Request> rest = new ArrayList<>();
    for (Symbol symbol : stale.keySet()) {
      rest.add(
          new SyncQueue.Request(
              symbol, PriceSource.KIS_REST, config.priorities().of(watched.get(symbol))));
    }
    int restJobs = queue.enqueue(rest);
    List<SyncQueue.Request> naver = new ArrayList<>();
    Duration every = config.queue().naverEvery();
    watched.forEach(
        (symbol, reason) -> {
          Instant last = lastNaverRequest.get(symbol);
          if (reason == WatchReason.HELD
              && (last == null || !now.isBefore(last.plus(every)) || now.isBefore(last))) {
            naver.add(new SyncQueue.Request(symbol, PriceSource.NAVER, config.priorities().held()));
            lastNaverRequest.put(symbol, now);
          }
        });
    lastNaverRequest.keySet().retainAll(watched.keySet());
    int naverJobs = queue.enqueue(naver);
    return new Result(true, stale, restJobs, naverJobs);
  }

  /**
   * Sets the stale flags: watched symbols by age, everything else not stale. Takes the symbols'
   * bucket locks, so a writer committing a fresh price at the same moment is not overwritten.
   */
  private Map<Symbol, StaleReason> mark(Instant now, Map<Symbol, WatchReason> watched)
      throws SQLException {
    Map<Symbol, StaleReason> stale = new TreeMap<>();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        TreeSet<Symbol> symbols = new TreeSet<>(watched.keySet());
        try (PreparedStatement statement = connection.prepareStatement(CURRENTLY_STALE);
            ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            symbols.add(Symbol.of(rows.getString(1)));
          }
        }
        if (symbols.isEmpty()) {
          connection.commit();
          return stale;
        }
        SymbolBuckets.lock(connection, symbols);
        boolean wsDown = webSocketDown.getAsBoolean() || !webSocketAlive(connection, now);
        List<String> changedSymbols = new ArrayList<>();
        List<Boolean> changedStale = new ArrayList<>();
        List<String> changedReasons = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(READ)) {
          statement.setObject(1, symbols.stream().map(Symbol::code).toArray(String[]::new));
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              Symbol symbol = Symbol.of(rows.getString("symbol"));
              Instant best = EpochMicros.read(rows, "best_ts");
              boolean isStale =
                  watched.containsKey(symbol)
                      && (best == null
                          || Duration.between(best, now).compareTo(config.staleness().staleAfter())
                              > 0);
              StaleReason reason = null;
              if (isStale) {
                reason =
                    wsDown
                        ? StaleReason.WS_DISCONNECTED
                        : rows.getBoolean("rest_failed")
                            ? StaleReason.REST_FAILED
                            : StaleReason.NO_WS_DATA;
                stale.put(symbol, reason);
              }
              String reasonName = reason == null ? null : reason.name();
              if (isStale != rows.getBoolean("is_stale")
                  || !java.util.Objects.equals(reasonName, rows.getString("stale_reason"))) {
                changedSymbols.add(symbol.code());
                changedStale.add(isStale);
                changedReasons.add(reasonName);
              }
            }
          }
        }
        if (!changedSymbols.isEmpty()) {
          boolean[] flags = new boolean[changedStale.size()];
          for (int i = 0; i < flags.length; i++) {
            flags[i] = changedStale.get(i);
          }
          try (PreparedStatement statement = connection.prepareStatement(MARK)) {
            statement.setObject(1, EpochMicros.timestamp(now));
            statement.setObject(2, changedSymbols.toArray(String[]::new));
            statement.setObject(3, flags);
            statement.setObject(4, changedReasons.toArray(String[]::new));
            statement.executeUpdate();
          }
        }
        connection.commit();
        return stale;
      } catch (SQLException | RuntimeException e) {
        Transactions.rollbackAfter(connection, e);
        throw e;
      }
    }
  }

  /** Whether any symbol had a WebSocket price within the WebSocket's maximum age. */
  private boolean webSocketAlive(Connection connection, Instant now) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LATEST_WS);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      Instant latest = EpochMicros.read(rows, "max");
      return latest != null
          && Duration.between(latest, now).compareTo(config.selection().wsMaxAge()) <= 0;
    }
  }
}
