package io.krxtrader.market;

import io.krxtrader.db.DayPartitions;
import io.krxtrader.db.EpochMicros;
import io.krxtrader.db.Transactions;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch of price events in one transaction: every new tick into {@code prices_ticks},
 * and for every symbol the batch touched its merged {@code freshness} row and its {@code
 * prices_best} row, plus the discrepancies found. The symbols' bucket locks are taken first and
 * their stored state is read under them, so the merge is correct with any number of PriceSync
 * processes writing at once.
 *
 * <p>Long for a reason: it holds all the SQL of that one transaction next to its binding, and the
 * shapes of the statements are what make it cheap (see the comments on each).
 */
final class PriceWriter {

  /**
   * A join with unnest, not {@code symbol = ANY (?)}: once the statement is server-prepared, the
   * generic plan of {@code = ANY} scanned the whole table comparing every row with every element
   * (about 60 µs of server time per symbol read); the join is one primary-key lookup per symbol.
   */
  private static final String READ_STATES =
      """
      SELECT f.symbol,
             f.last_ws_ts, f.last_ws_price, f.last_ws_bid, f.last_ws_ask,
             f.last_rest_ts, f.last_rest_price, f.last_rest_bid, f.last_rest_ask,
             f.last_naver_ts, f.last_naver_price, f.last_naver_bid, f.last_naver_ask,
             f.naver_compared, f.high_discrepancy_ts, f.is_stale, f.stale_reason
        FROM unnest(?::text[]) AS t (symbol)
        JOIN market.freshness f ON f.symbol = t.symbol
      """;

  private static final String INSERT_TICKS =
      """
      INSERT INTO market.prices_ticks (ts, symbol, source, last_price, bid, ask, volume, trade_value)
      SELECT timestamptz 'epoch' + t.us * interval '1 microsecond',
             t.symbol, t.source, t.last_price, t.bid, t.ask, t.volume, t.trade_value
        FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                    ?::bigint[], ?::bigint[])
             AS t (us, symbol, source, last_price, bid, ask, volume, trade_value)
      """;

  private static final String INSERT_TICKS_UNLESS_STORED = INSERT_TICKS + "ON CONFLICT DO NOTHING";

  /** The rows of a batch's new freshness states, as one set (parameters: see bindFreshness). */
  private static final String FRESHNESS_ROWS =
      """
      SELECT t.symbol,
             timestamptz 'epoch' + t.ws_us * interval '1 microsecond' AS ws_ts,
             t.ws_price, t.ws_bid, t.ws_ask,
             timestamptz 'epoch' + t.rest_us * interval '1 microsecond' AS rest_ts,
             t.rest_price, t.rest_bid, t.rest_ask,
             timestamptz 'epoch' + t.naver_us * interval '1 microsecond' AS naver_ts,
             t.naver_price, t.naver_bid, t.naver_ask,
             timestamptz 'epoch' + t.best_us * interval '1 microsecond' AS best_ts,
             t.stale, t.reason, ?::timestamptz AS updated_ts, t.compared,
             timestamptz 'epoch' + t.high_us * interval '1 microsecond' AS high_ts
        FROM unnest(?::text[],
                    ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                    ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                    ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                    ?::bigint[], ?::boolean[], ?::text[], ?::boolean[], ?::bigint[])
             AS t (symbol, ws_us, ws_price, ws_bid, ws_ask, rest_us, rest_price, rest_bid, rest_ask,
                   naver_us, naver_price, naver_bid, naver_ask, best_us, stale, reason, compared,
                   high_us)
      """;

  /**
   * Rows that existed when the batch read them: a plain UPDATE, which costs the server about a
   * third less than ON CONFLICT DO UPDATE (that one locks the row before it updates it).
   */
  private static final String UPDATE_FRESHNESS =
      """
      UPDATE market.freshness AS f SET
             last_ws_ts = r.ws_ts, last_ws_price = r.ws_price, last_ws_bid = r.ws_bid,
             last_ws_ask = r.ws_ask,
             last_rest_ts = r.rest_ts, last_rest_price = r.rest_price, last_rest_bid = r.rest_bid,
             last_rest_ask = r.rest_ask,
             last_naver_ts = r.naver_ts, last_naver_price = r.naver_price,
             last_naver_bid = r.naver_bid, last_naver_ask = r.naver_ask,
             best_ts = r.best_ts, is_stale = r.stale, stale_reason = r.reason,
             updated_ts = r.updated_ts, naver_compared = r.compared, high_discrepancy_ts = r.high_ts
        FROM ("""
          + FRESHNESS_ROWS
          + """
      ) AS r
       WHERE f.symbol = r.symbol
      """;

  private static final String UPSERT_FRESHNESS =
      """
      INSERT INTO market.freshness AS f (
             symbol, last_ws_ts, last_ws_price, last_ws_bid, last_ws_ask,
             last_rest_ts, last_rest_price, last_rest_bid, last_rest_ask,
             last_naver_ts, last_naver_price, last_naver_bid, last_naver_ask,
             best_ts, is_stale, stale_reason, updated_ts, naver_compared, high_discrepancy_ts)
      """
          + FRESHNESS_ROWS
          + """
      ON CONFLICT (symbol) DO UPDATE SET
             last_ws_ts = excluded.last_ws_ts, last_ws_price = excluded.last_ws_price,
             last_ws_bid = excluded.last_ws_bid, last_ws_ask = excluded.last_ws_ask,
             last_rest_ts = excluded.last_rest_ts, last_rest_price = excluded.last_rest_price,
             last_rest_bid = excluded.last_rest_bid, last_rest_ask = excluded.last_rest_ask,
             last_naver_ts = excluded.last_naver_ts, last_naver_price = excluded.last_naver_price,
             last_naver_bid = excluded.last_naver_bid, last_naver_ask = excluded.last_naver_ask,
             best_ts = excluded.best_ts, is_stale = excluded.is_stale,
             stale_reason = excluded.stale_reason, updated_ts = excluded.updated_ts,
             naver_compared = excluded.naver_compared,
             high_discrepancy_ts = excluded.high_discrepancy_ts
      """;

  /** The rows of a batch's best prices (parameters: see bindBest). */
  private static final String BEST_ROWS =
      """
      SELECT t.symbol, timestamptz 'epoch' + t.us * interval '1 microsecond' AS ts, t.source,
             t.last_price, t.bid, t.ask, t.freshness_ms, t.quality, ?::timestamptz AS updated_ts
        FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                    ?::bigint[], ?::int[])
             AS t (symbol, us, source, last_price, bid, ask, freshness_ms, quality)
      """;

  private static final String UPDATE_BEST =
      """
      UPDATE market.prices_best AS b SET
             ts = r.ts, source = r.source, last_price = r.last_price, bid = r.bid, ask = r.ask,
             freshness_ms = r.freshness_ms, quality_score = r.quality, updated_ts = r.updated_ts
        FROM ("""
          + BEST_ROWS
          + """
      ) AS r
       WHERE b.symbol = r.symbol
      """;

  private static final String UPSERT_BEST =
      """
      INSERT INTO market.prices_best AS b (
             symbol, ts, source, last_price, bid, ask, freshness_ms, quality_score, updated_ts)
      """
          + BEST_ROWS
          + """
      ON CONFLICT (symbol) DO UPDATE SET
             ts = excluded.ts, source = excluded.source, last_price = excluded.last_price,
             bid = excluded.bid, ask = excluded.ask, freshness_ms = excluded.freshness_ms,
             quality_score = excluded.quality_score, updated_ts = excluded.updated_ts
      """;

  private static final String INSERT_DISCREPANCY =
      """
      INSERT INTO market.discrepancies
             (symbol, ts, kis_price, naver_price, diff_pct, kis_source, severity)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """;

  /** What a committed batch wrote: the plan and the ticks actually inserted. */
  record Written(BatchPlan plan, int ticksInserted) {}

  private static final Logger log = LoggerFactory.getLogger(PriceWriter.class);

  private final DataSource dataSource;
  private final MarketConfig config;
  private final InstantSource clock;

  PriceWriter(DataSource dataSource, MarketConfig config, InstantSource clock) {
    this.dataSource = dataSource;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Writes the batch and commits. Throws (and writes nothing) if the database refuses; the caller
   * decides whether to try again.
   */
  Written write(List<PriceEvent> events) throws SQLException {
    ensurePartitions(events);
    try {
      return write(events, false);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // A stored tick newer than its (symbol, source)'s freshness row: the two were changed apart
      // (by hand, or by a restore). Correct, only slower: every tick through ON CONFLICT.
      log.warn("prices_ticks holds ticks newer than market.freshness knows; inserting carefully");
      return write(events, true);
    }
  }

  private static final String UNIQUE_VIOLATION = "23505";

  private Written write(List<PriceEvent> events, boolean allMaybeStored) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Set<Symbol> symbols = new HashSet<>();
        for (PriceEvent event : events) {
          symbols.add(event.symbol());
        }
        SymbolBuckets.lock(connection, symbols);
        Map<Symbol, SymbolState> known = readStates(connection, symbols);
        // The write time is taken under the locks: ages are as of the moment the rows change.
        Instant now = clock.instant();
        BatchPlan plan = BatchPlan.of(events, known, now, config);
        int inserted;
        if (allMaybeStored) {
          List<PriceEvent> all = new ArrayList<>(plan.newTicks());
          all.addAll(plan.maybeStored());
          inserted = insertTicks(connection, INSERT_TICKS_UNLESS_STORED, all);
        } else {
          inserted =
              insertTicks(connection, INSERT_TICKS, plan.newTicks())
                  + insertTicks(connection, INSERT_TICKS_UNLESS_STORED, plan.maybeStored());
        }
        writeFreshness(connection, plan, now);
        writeBest(connection, plan, now);
        insertDiscrepancies(connection, plan.discrepancies());
        connection.commit();
        return new Written(plan, inserted);
      } catch (SQLException | RuntimeException e) {
        Transactions.rollbackAfter(connection, e);
        throw e;
      }
    }
  }

  /** Partitions are made before, never inside, the writing transaction (they lock the parent). */
  private void ensurePartitions(List<PriceEvent> events) {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (PriceEvent event : events) {
      days.add(TradingCalendar.kstDate(event.ts()));
    }
    for (LocalDate day : days) {
      DayPartitions.ensure(dataSource, "market.prices_ticks", day, day);
    }
  }

  static Map<Symbol, SymbolState> readStates(Connection connection, Iterable<Symbol> symbols)
      throws SQLException {
    List<String> codes = new ArrayList<>();
    symbols.forEach(s -> codes.add(s.code()));
    Map<Symbol, SymbolState> states = new HashMap<>(codes.size() * 2);
    try (PreparedStatement statement = connection.prepareStatement(READ_STATES)) {
      statement.setObject(1, codes.toArray(String[]::new));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Symbol symbol = Symbol.of(rows.getString("symbol"));
          states.put(
              symbol,
              SymbolState.restore(
                  symbol,
                  event(rows, symbol, PriceSource.KIS_WS, "ws"),
                  event(rows, symbol, PriceSource.KIS_REST, "rest"),
                  event(rows, symbol, PriceSource.NAVER, "naver"),
                  rows.getBoolean("naver_compared"),
                  EpochMicros.read(rows, "high_discrepancy_ts"),
                  rows.getBoolean("is_stale"),
                  rows.getString("stale_reason")));
        }
      }
    }
    return states;
  }

  private static PriceEvent event(ResultSet rows, Symbol symbol, PriceSource source, String prefix)
      throws SQLException {
    Instant ts = EpochMicros.read(rows, "last_" + prefix + "_ts");
    long price = rows.getLong("last_" + prefix + "_price");
    if (ts == null || rows.wasNull()) {
      return null;
    }
    return new PriceEvent(
        symbol,
        source,
        ts,
        price,
        optional(rows, "last_" + prefix + "_bid"),
        optional(rows, "last_" + prefix + "_ask"),
        OptionalLong.empty(),
        OptionalLong.empty());
  }

  /** A nullable {@code bigint} column. */
  static OptionalLong optional(ResultSet rows, String column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }

  private static int insertTicks(Connection connection, String sql, List<PriceEvent> ticks)
      throws SQLException {
    int n = ticks.size();
    if (n == 0) {
      return 0;
    }
    long[] us = new long[n];
    String[] symbols = new String[n];
    String[] sources = new String[n];
    long[] prices = new long[n];
    Long[] bids = new Long[n];
    Long[] asks = new Long[n];
    Long[] volumes = new Long[n];
    Long[] values = new Long[n];
    for (int i = 0; i < n; i++) {
      PriceEvent e = ticks.get(i);
      us[i] = EpochMicros.of(e.ts());
      symbols[i] = e.symbol().code();
      sources[i] = e.source().name();
      prices[i] = e.lastPrice();
      bids[i] = boxed(e.bid());
      asks[i] = boxed(e.ask());
      volumes[i] = boxed(e.volume());
      values[i] = boxed(e.tradeValue());
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, us);
      statement.setObject(2, symbols);
      statement.setObject(3, sources);
      statement.setObject(4, prices);
      statement.setObject(5, bids);
      statement.setObject(6, asks);
      statement.setObject(7, volumes);
      statement.setObject(8, values);
      return statement.executeUpdate();
    }
  }

  /**
   * Rows read under the bucket locks still exist (only PriceSync writes them, under the same
   * locks): they are updated; new ones are upserted. Should an update miss a row someone deleted
   * meanwhile, the whole set is upserted again, which is idempotent.
   */
  private static void writeFreshness(Connection connection, BatchPlan plan, Instant now)
      throws SQLException {
    List<SymbolState> existing = new ArrayList<>();
    List<SymbolState> fresh = new ArrayList<>();
    for (SymbolState state : plan.states().values()) {
      (state.stored() ? existing : fresh).add(state);
    }
    Map<Symbol, BestPrice> bests = new HashMap<>(plan.bests().size() * 2);
    for (BestPrice b : plan.bests()) {
      bests.put(b.symbol(), b);
    }
    if (!existing.isEmpty()
        && execute(connection, UPDATE_FRESHNESS, s -> bindFreshness(s, existing, bests, now))
            < existing.size()) {
      fresh.addAll(existing);
    }
    if (!fresh.isEmpty()) {
      execute(connection, UPSERT_FRESHNESS, s -> bindFreshness(s, fresh, bests, now));
    }
  }

  private static void bindFreshness(
      PreparedStatement statement,
      List<SymbolState> states,
      Map<Symbol, BestPrice> bests,
      Instant now)
      throws SQLException {
    int n = states.size();
    String[] symbols = new String[n];
    Long[][] sourceColumns = new Long[12][n];
    Long[] best = new Long[n];
    boolean[] stale = new boolean[n];
    String[] reasons = new String[n];
    boolean[] compared = new boolean[n];
    Long[] high = new Long[n];
    for (int i = 0; i < n; i++) {
      SymbolState state = states.get(i);
      symbols[i] = state.symbol().code();
      int column = 0;
      for (PriceSource source : PriceSource.values()) {
        PriceEvent latest = state.latest(source);
        sourceColumns[column++][i] = latest == null ? null : EpochMicros.of(latest.ts());
        sourceColumns[column++][i] = latest == null ? null : latest.lastPrice();
        sourceColumns[column++][i] = latest == null ? null : boxed(latest.bid());
        sourceColumns[column++][i] = latest == null ? null : boxed(latest.ask());
      }
      BestPrice b = bests.get(state.symbol());
      best[i] = b == null ? null : EpochMicros.of(b.ts());
      stale[i] = state.stale();
      reasons[i] = state.staleReason();
      compared[i] = state.naverCompared();
      high[i] = EpochMicros.ofNullable(state.highDiscrepancyTs());
    }
    int p = 1;
    statement.setObject(p++, EpochMicros.timestamp(now));
    statement.setObject(p++, symbols);
    for (Long[] column : sourceColumns) {
      statement.setObject(p++, column);
    }
    statement.setObject(p++, best);
    statement.setObject(p++, stale);
    statement.setObject(p++, reasons);
    statement.setObject(p++, compared);
    statement.setObject(p, high);
  }

  /** Best prices of symbols that had one are updated, others upserted (as for freshness). */
  private static void writeBest(Connection connection, BatchPlan plan, Instant now)
      throws SQLException {
    List<BestPrice> existing = new ArrayList<>();
    List<BestPrice> fresh = new ArrayList<>();
    for (BestPrice b : plan.bests()) {
      (plan.states().get(b.symbol()).storedBest() ? existing : fresh).add(b);
    }
    if (!existing.isEmpty()
        && execute(connection, UPDATE_BEST, s -> bindBest(s, existing, now)) < existing.size()) {
      fresh.addAll(existing);
    }
    if (!fresh.isEmpty()) {
      execute(connection, UPSERT_BEST, s -> bindBest(s, fresh, now));
    }
  }

  private static void bindBest(PreparedStatement statement, List<BestPrice> bests, Instant now)
      throws SQLException {
    int n = bests.size();
    String[] symbols = new String[n];
    long[] us = new long[n];
    String[] sources = new String[n];
    long[] prices = new long[n];
    Long[] bids = new Long[n];
    Long[] asks = new Long[n];
    long[] freshness = new long[n];
    int[] quality = new int[n];
    for (int i = 0; i < n; i++) {
      BestPrice b = bests.get(i);
      symbols[i] = b.symbol().code();
      us[i] = EpochMicros.of(b.ts());
      sources[i] = b.source().name();
      prices[i] = b.lastPrice();
      bids[i] = boxed(b.bid());
      asks[i] = boxed(b.ask());
      freshness[i] = b.freshnessMs();
      quality[i] = b.qualityScore();
    }
    statement.setObject(1, EpochMicros.timestamp(now));
    statement.setObject(2, symbols);
    statement.setObject(3, us);
    statement.setObject(4, sources);
    statement.setObject(5, prices);
    statement.setObject(6, bids);
    statement.setObject(7, asks);
    statement.setObject(8, freshness);
    statement.setObject(9, quality);
  }

  /** Binds the parameters of one statement. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Runs a statement whose rows come from bound arrays. */
  private static int execute(Connection connection, String sql, Binder binder) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    }
  }

  private static void insertDiscrepancies(Connection connection, List<Discrepancy> found)
      throws SQLException {
    if (found.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(INSERT_DISCREPANCY)) {
      for (Discrepancy d : found) {
        statement.setString(1, d.symbol().code());
        statement.setObject(2, EpochMicros.timestamp(d.ts()));
        statement.setLong(3, d.kisPrice());
        statement.setLong(4, d.naverPrice());
        statement.setDouble(5, d.diffPct());
        statement.setString(6, d.kisSource().name());
        statement.setString(7, d.severity().name());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
