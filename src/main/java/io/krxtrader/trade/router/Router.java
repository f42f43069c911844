package io.krxtrader.trade.router;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.db.Transactions;
import io.krxtrader.krx.OrderSide;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.system.StaleTermException;
import io.krxtrader.trade.EntriesHalted;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import io.krxtrader.trade.OrderIntents;
import io.krxtrader.trade.risk.AccountBalance;
import io.krxtrader.trade.risk.RiskGate;
import io.krxtrader.trade.risk.RiskResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's decisions: the module's entry type. The leader calls {@link #decideOnce()} every
 * {@code router.decide-every}; a process that is not leading does nothing. A pass is one
 * transaction that first checks the leader's term (its share lock, held to the commit, lets no
 * newer term begin mid-pass), so a pass costs one commit however many symbols it decides. Each
 * symbol with ACTIVE picks of today and no decision yet is decided under a savepoint (one that
 * fails is rolled back to it, logged, and left ACTIVE for the next pass; the others commit): gate 1
 * on every pick, the merge over the picks that passed, gate 3 (market; it gives the price), gate 2
 * (risk, with the quantity floor(equity × {@code router.entry-size-pct} ÷ price)), the kill switch;
 * then one {@code trade.pick_decisions} row and, for PASS, the ENTRY intent ({@code
 * ENTRY:{yyyymmdd}:{symbol}:{producer}:{run_id}} of the deciding pick, a limit buy at the entry
 * price), committed with the pass.
 *
 * <p>Pick statuses ({@code trade.picks.status}):
 *
 * <pre>
 * from     event                                              to
 * (new)    stored, newest run of its producer and day         ACTIVE
 * (new)    stored, a newer run of the producer and day exists SUPERSEDED
 * ACTIVE   a newer run of its producer and day is stored      SUPERSEDED
 * ACTIVE   fails gate 1                                       REJECTED (reason GATE1 ...)
 * ACTIVE   gate 3 says WAIT (before 09:00, price not fresh    ACTIVE (gate 1 time kept)
 *          and the price deadline not passed)
 * ACTIVE   its symbol's decision is REJECT                    REJECTED (the decision's reason)
 * ACTIVE   its symbol's decision is PASS                      PASSED
 * ACTIVE   its symbol was decided today already               REJECTED (DECIDED_EARLIER)
 * ACTIVE   run_date before today                              REJECTED (GATE1 NOT_TODAY)
 * SUPERSEDED, PASSED, REJECTED: final
 * </pre>
 *
 * A pick submitted before the open waits (gate 3 WAIT BEFORE_OPEN) and is decided on the first pass
 * after {@code router.entry-from} with a fresh price; a price that is not fresh yet is waited for
 * until {@code router.price-wait} (5 min) after the later of the entry-window start and the latest
 * pick's arrival, then the decision is REJECT PRICE_NOT_FRESH.
 */
public final class Router {

  public static final String VERSION = "router-1";

  private static final Logger log = LoggerFactory.getLogger(Router.class);

  /** What one pass did. */
  public record PassReport(boolean leading, int passed, int rejected, int waiting) {}

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private static final String EXPIRE =
      """
      UPDATE trade.picks SET status = 'REJECTED', updated_ts = ?,
             reject_reason = 'GATE1 NOT_TODAY (run_date ' || run_date || ' passed)'
       WHERE status = 'ACTIVE' AND run_date < ?
      """;
  private static final String SYMBOLS =
      """
      SELECT DISTINCT p.symbol FROM trade.picks p
       WHERE p.status = 'ACTIVE' AND p.run_date = ?
       ORDER BY p.symbol
      """;
  private static final String LOCK_PICKS =
      """
      SELECT pick_id, producer_id, run_id, run_date, asof_ts, symbol, side, score, confidence,
             created_ts
        FROM trade.picks WHERE run_date = ? AND symbol = ? AND status = 'ACTIVE'
       ORDER BY producer_id, run_id
         FOR UPDATE
      """;
  private static final String DECIDED =
      "SELECT decision_id FROM trade.pick_decisions WHERE run_date = ? AND symbol = ?";
  private static final String PICK_DONE =
      "UPDATE trade.picks SET status = ?, reject_reason = ?, updated_ts = ?,"
          + " gate1_passed_ts = coalesce(gate1_passed_ts, ?),"
          + " gate2_passed_ts = coalesce(gate2_passed_ts, ?),"
          + " gate3_passed_ts = coalesce(gate3_passed_ts, ?)"
          + " WHERE pick_id = ?";
  private static final String INSERT_DECISION =
      """
      INSERT INTO trade.pick_decisions
          (run_date, decision_ts, symbol, final_score, confidence, method, producer_count,
           producer_ids, pick_ids, router_version, config, gate1_result, gate2_result,
           gate3_result, final_decision, reject_reason)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)
      ON CONFLICT (run_date, symbol) DO NOTHING
      RETURNING decision_id
      """;
  private static final String LINK_INTENT =
      "UPDATE trade.pick_decisions SET intent_id = ? WHERE decision_id = ?";

  private final Database db;
  private final RouterConfig config;
  private final RiskGate risk;
  private final Leadership leadership;
  private final EntriesHalted halted;
  private final InstantSource clock;
  private final PickGate pickGate;
  private final MarketGate marketGate;
  private final Merge merge;
  private final ObjectMapper mapper = new ObjectMapper();

  public Router(
      Database db,
      RouterConfig config,
      RiskGate risk,
      Leadership leadership,
      EntriesHalted halted,
      InstantSource clock,
      Universe universe) {
    this.db = db;
    this.config = config;
    this.risk = risk;
    this.leadership = leadership;
    this.halted = halted;
    this.clock = clock;
    this.pickGate = new PickGate(config, universe);
    this.marketGate = new MarketGate(config);
    this.merge = new Merge(config);
  }

  /**
   * One pass over today's undecided symbols.
   *
   * @throws io.krxtrader.system.StaleTermException when the term ended (nothing of the pass was
   *     written; stop acting)
   */
  public PassReport decideOnce() throws SQLException {
    Optional<Term> term = leadership.isLeading() ? leadership.term() : Optional.empty();
    if (term.isEmpty()) {
      return new PassReport(false, 0, 0, 0);
    }
    Instant now = clock.instant();
    LocalDate today = TradingCalendar.kstDate(now);
    int passed = 0;
    int rejected = 0;
    int waiting = 0;
    try (Connection connection = db.dataSource(ModuleRole.ROUTER).getConnection()) {
      connection.setAutoCommit(false);
      try {
        term.get().check(connection);
        try (PreparedStatement expire = connection.prepareStatement(EXPIRE)) {
          expire.setTimestamp(1, Timestamp.from(now));
          expire.setObject(2, today);
          expire.executeUpdate();
        }
        for (String symbol : undecidedSymbols(connection, today)) {
          Savepoint before = connection.setSavepoint();
          try {
            switch (decide(connection, term.get(), today, symbol, now)) {
              case PASSED -> passed++;
              case REJECTED -> rejected++;
              case WAITING -> waiting++;
              case NOTHING -> {}
            }
            connection.releaseSavepoint(before);
          } catch (StaleTermException e) {
            throw e;
          } catch (SQLException | RuntimeException e) {
            // One symbol's failure loses nothing of the others: its picks stay ACTIVE for the
            // next pass.
            connection.rollback(before);
            log.warn("router could not decide {}, next pass retries: {}", symbol, e.toString());
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        Transactions.rollbackAfter(connection, e);
        throw e;
      }
    }
    return new PassReport(true, passed, rejected, waiting);
  }

  private static List<String> undecidedSymbols(Connection connection, LocalDate today)
      throws SQLException {
    List<String> symbols = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(SYMBOLS)) {
      select.setObject(1, today);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          symbols.add(rows.getString(1));
        }
      }
    }
    return symbols;
  }

  private enum Result {
    PASSED,
    REJECTED,
    WAITING,
    NOTHING
  }

  private Result decide(
      Connection connection, Term term, LocalDate today, String symbol, Instant now)
      throws SQLException {
    List<ActivePick> picks = lockPicks(connection, today, symbol);
    if (picks.isEmpty()) {
      return Result.NOTHING;
    }
    Timestamp at = Timestamp.from(now);
    Optional<UUID> earlier = decided(connection, today, symbol);
    if (earlier.isPresent()) {
      done(connection, picks, "REJECTED", "DECIDED_EARLIER (" + earlier.get() + ")", at, false);
      return Result.REJECTED;
    }
    List<ActivePick> passing = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<Gate> gates = pickGate.check(connection, picks, now);
    List<ActivePick> gate1Failed = new ArrayList<>();
    List<String> failedReasons = new ArrayList<>();
    for (int i = 0; i < picks.size(); i++) {
      ActivePick pick = picks.get(i);
      if (gates.get(i) instanceof Gate.Pass) {
        passing.add(pick);
      } else {
        String reason = "GATE1 " + gates.get(i).text().substring("FAIL ".length());
        failures.add(pick.producerId() + ": " + reason);
        gate1Failed.add(pick);
        failedReasons.add(reason);
      }
    }
    done(connection, gate1Failed, "REJECTED", failedReasons, at, false);
    if (passing.isEmpty()) {
      ActivePick best = picks.stream().max(Comparator.comparing(ActivePick::score)).orElseThrow();
      insertDecision(
          connection,
          today,
          symbol,
          best.score(),
          best.confidence(),
          0,
          picks,
          at,
          "FAIL " + String.join("; ", failures),
          null,
          null,
          "REJECT",
          "GATE1 " + String.join("; ", failures));
      return Result.REJECTED;
    }
    markGate1(connection, passing, at);
    Merge.Outcome merged = merge.merge(passing);
    String gate1 = failures.isEmpty() ? "PASS" : "PASS (" + String.join("; ", failures) + ")";
    if (merged.rejectReason().isPresent()) {
      return reject(
          connection,
          today,
          symbol,
          merged,
          passing,
          picks,
          at,
          gate1,
          null,
          null,
          "MERGE " + merged.rejectReason().get());
    }
    Instant latest =
        passing.stream().map(ActivePick::created).max(Comparator.naturalOrder()).orElseThrow();
    Instant windowStart = today.atTime(config.entryFrom()).atZone(TradingCalendar.KST).toInstant();
    Instant deadline =
        (latest.isAfter(windowStart) ? latest : windowStart).plus(config.priceWait());
    MarketGate.Answer market = marketGate.check(connection, symbol, now, deadline);
    if (market.gate() instanceof Gate.Wait) {
      return Result.WAITING;
    }
    if (market.gate() instanceof Gate.Fail fail) {
      return reject(
          connection,
          today,
          symbol,
          merged,
          passing,
          picks,
          at,
          gate1,
          null,
          market.gate().text(),
          "GATE3 " + fail.reason());
    }
    long price = market.price().orElseThrow();
    Optional<AccountBalance> balance = risk.balance(connection);
    long quantity =
        balance.map(b -> b.equity() * config.entrySizePercent() / 100 / price).orElse(0L);
    RiskResult riskResult;
    if (balance.isPresent() && quantity < 1) {
      riskResult =
          new RiskResult.Failed(
              io.krxtrader.trade.risk.RiskReason.POSITION_TOO_LARGE,
              "one share at " + price + " is more than the entry size");
    } else {
      riskResult = risk.check(connection, Symbol.of(symbol), Math.max(quantity, 1), price, now);
    }
    if (riskResult instanceof RiskResult.Failed failed) {
      String text = "FAIL " + failed.reason() + " (" + failed.detail() + ")";
      return reject(
          connection,
          today,
          symbol,
          merged,
          passing,
          picks,
          at,
          gate1,
          text,
          "PASS",
          "GATE2 " + failed.reason());
    }
    if (halted.halted()) {
      return reject(
          connection, today, symbol, merged, passing, picks, at, gate1, "PASS", "PASS", "HALTED");
    }
    Optional<UUID> decision =
        insertDecision(
            connection,
            today,
            symbol,
            merged.finalScore(),
            merged.confidence(),
            passing.size(),
            picks,
            at,
            gate1,
            "PASS",
            "PASS",
            "PASS",
            null);
    if (decision.isEmpty()) {
      return Result.NOTHING;
    }
    ActivePick deciding = merged.deciding();
    String key =
        "ENTRY:"
            + today.format(DAY)
            + ":"
            + symbol
            + ":"
            + deciding.producerId()
            + ":"
            + deciding.runId();
    OrderIntent intent =
        OrderIntent.limit(
            Symbol.of(symbol), OrderSide.BUY, IntentType.ENTRY, quantity, price, "PICK", key);
    OrderIntents.insert(connection, intent, term);
    try (PreparedStatement link = connection.prepareStatement(LINK_INTENT)) {
      link.setObject(1, intent.intentId());
      link.setObject(2, decision.get());
      link.executeUpdate();
    }
    done(connection, passing, "PASSED", (String) null, at, true);
    return Result.PASSED;
  }

  private Result reject(
      Connection connection,
      LocalDate today,
      String symbol,
      Merge.Outcome merged,
      List<ActivePick> passing,
      List<ActivePick> all,
      Timestamp at,
      String gate1,
      String gate2,
      String gate3,
      String reason)
      throws SQLException {
    Optional<UUID> decision =
        insertDecision(
            connection,
            today,
            symbol,
            merged.finalScore(),
            merged.confidence(),
            passing.size(),
            all,
            at,
            gate1,
            gate2,
            gate3,
            "REJECT",
            reason);
    if (decision.isEmpty()) {
      return Result.NOTHING;
    }
    done(connection, passing, "REJECTED", reason, at, false);
    return Result.REJECTED;
  }

  private List<ActivePick> lockPicks(Connection connection, LocalDate day, String symbol)
      throws SQLException {
    List<ActivePick> picks = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(LOCK_PICKS)) {
      select.setObject(1, day);
      select.setString(2, symbol);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          picks.add(
              new ActivePick(
                  row.getObject(1, UUID.class),
                  row.getString(2),
                  row.getString(3),
                  row.getObject(4, LocalDate.class),
                  row.getTimestamp(5).toInstant(),
                  row.getString(6),
                  row.getString(7),
                  row.getBigDecimal(8),
                  Confidence.valueOf(row.getString(9)),
                  row.getTimestamp(10).toInstant()));
        }
      }
    }
    return picks;
  }

  private static Optional<UUID> decided(Connection connection, LocalDate day, String symbol)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(DECIDED)) {
      select.setObject(1, day);
      select.setString(2, symbol);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  private static void markGate1(Connection connection, List<ActivePick> passing, Timestamp at)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE trade.picks SET gate1_passed_ts = coalesce(gate1_passed_ts, ?), updated_ts = ?"
                + " WHERE pick_id = ?")) {
      for (ActivePick pick : passing) {
        update.setTimestamp(1, at);
        update.setTimestamp(2, at);
        update.setObject(3, pick.pickId());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private static void done(
      Connection connection,
      List<ActivePick> picks,
      String status,
      String reason,
      Timestamp at,
      boolean allGates)
      throws SQLException {
    done(connection, picks, status, Collections.nCopies(picks.size(), reason), at, allGates);
  }

  /** Gives each pick its final status, with its own reason, in one batch. */
  private static void done(
      Connection connection,
      List<ActivePick> picks,
      String status,
      List<String> reasons,
      Timestamp at,
      boolean allGates)
      throws SQLException {
    if (picks.isEmpty()) {
      return;
    }
    try (PreparedStatement update = connection.prepareStatement(PICK_DONE)) {
      for (int i = 0; i < picks.size(); i++) {
        update.setString(1, status);
        update.setString(2, reasons.get(i));
        update.setTimestamp(3, at);
        update.setTimestamp(4, allGates ? at : null);
        update.setTimestamp(5, allGates ? at : null);
        update.setTimestamp(6, allGates ? at : null);
        update.setObject(7, picks.get(i).pickId());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  private Optional<UUID> insertDecision(
      Connection connection,
      LocalDate day,
      String symbol,
      BigDecimal finalScore,
      Confidence confidence,
      int producerCount,
      List<ActivePick> picks,
      Timestamp at,
      String gate1,
      String gate2,
      String gate3,
      String decision,
      String reason)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_DECISION)) {
      insert.setObject(1, day);
      insert.setTimestamp(2, at);
      insert.setString(3, symbol);
      insert.setBigDecimal(4, finalScore);
      insert.setString(5, confidence.name());
      insert.setString(6, config.method().name());
      insert.setInt(7, producerCount);
      insert.setArray(
          8,
          connection.createArrayOf(
              "text", picks.stream().map(ActivePick::producerId).distinct().toArray()));
      insert.setArray(
          9, connection.createArrayOf("uuid", picks.stream().map(ActivePick::pickId).toArray()));
      insert.setString(10, VERSION);
      insert.setString(11, configJson(picks));
      insert.setString(12, gate1);
      insert.setString(13, gate2);
      insert.setString(14, gate3);
      insert.setString(15, decision);
      insert.setString(16, reason);
      try (ResultSet row = insert.executeQuery()) {
        return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  private String configJson(List<ActivePick> picks) {
    ObjectNode json = mapper.createObjectNode();
    json.put("method", config.method().name());
    json.put("weighted_threshold", config.weightedThreshold());
    json.put("consensus_min", config.consensusMin());
    json.put("entry_size_pct", config.entrySizePercent());
    json.put("max_pick_age_s", config.maxPickAge().toSeconds());
    json.put("min_quality", config.minQuality());
    json.put("limit_margin_pct", config.limitMarginPercent());
    json.put("max_spread_bp", config.maxSpreadBasisPoints());
    ObjectNode producers = json.putObject("producers");
    for (ActivePick pick : picks) {
      RouterConfig.Producer producer = config.producer(pick.producerId());
      ObjectNode node = producers.putObject(pick.producerId());
      node.put("priority", producer.priority());
      node.put("weight", producer.weight());
      node.put("score_min", producer.scoreMin());
      node.put("score_max", producer.scoreMax());
    }
    return json.toString();
  }
}
