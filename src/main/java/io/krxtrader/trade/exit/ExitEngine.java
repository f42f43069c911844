package io.krxtrader.trade.exit;

import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.system.StaleTermException;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.OrderIntent;
import io.krxtrader.trade.OrderIntents;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exit engine: on a symbol's best-price change it evaluates every OPEN or CLOSING position of
 * that symbol with {@link ExitRules} and commits each decision in one transaction: the intent (via
 * {@link OrderIntents}), the new {@code position_state} and the {@code exit_signals} rows, after
 * share-locking the position and checking its {@code version} (a fill moved it: read again and
 * re-evaluate, up to {@value #ATTEMPTS} times) and the exit leader's term.
 *
 * <p>Only a price that is not stale (the symbol's {@code freshness.is_stale} is false and the price
 * is at most {@code exit.max-price-age} old) and has a quality score of at least {@code
 * exit.min-quality} is used; otherwise a SKIP row is written at most once per {@code
 * exit.record.skip-every} per position. A quiet evaluation is written only when the HWM, the stop
 * floor or the phase changed, on the session's first price, or once per {@code
 * exit.record.quiet-every}.
 *
 * <p>Thread-safe for calls on different symbols; calls for one symbol must not overlap (the caller
 * routes a symbol to one thread).
 */
public final class ExitEngine {

  private static final Logger log = LoggerFactory.getLogger(ExitEngine.class);
  private static final int ATTEMPTS = 3;
  static final String SKIP = "SKIP";
  static final String EVALUATION = "EVALUATION";

  private final DataSource dataSource;
  private final ExitRules rules;
  private final ExitConfig config;
  private final InstantSource clock;
  private final Leadership leadership;
  private final ExitStore store = new ExitStore();
  private final Map<Symbol, Daily> daily = new ConcurrentHashMap<>();

  /** A symbol's ATR and previous close as of a session. */
  private record Daily(LocalDate today, Optional<BigDecimal> atr, OptionalLong previousClose) {}

  public ExitEngine(
      Database db,
      ExitConfig config,
      TradingCalendar calendar,
      InstantSource clock,
      Leadership leadership) {
    this.dataSource = db.dataSource(ModuleRole.EXIT);
    this.rules = new ExitRules(config, calendar);
    this.config = config;
    this.clock = clock;
    this.leadership = leadership;
  }

  /** Reads the symbol's best price and evaluates each of its open positions. */
  public List<ExitOutcome> priceChanged(Symbol symbol) throws SQLException {
    Optional<Term> term = leadership.term();
    List<ExitStore.Held> held;
    Optional<ExitStore.Best> best;
    try (Connection connection = dataSource.getConnection()) {
      held = store.held(connection, symbol);
      if (held.isEmpty()) {
        return List.of();
      }
      best = store.best(connection, symbol);
    }
    if (best.isEmpty()) {
      return List.of();
    }
    if (term.isEmpty() || !leadership.isLeading()) {
      return held.stream()
          .map(
              h ->
                  new ExitOutcome(
                      h.position().positionId(), ExitOutcome.Kind.NOT_LEADER, Optional.empty()))
          .toList();
    }
    Daily data = daily(symbol);
    Instant now = clock.instant();
    Optional<String> unusable = unusable(best.get(), now);
    List<ExitOutcome> outcomes = new ArrayList<>();
    for (ExitStore.Held h : held) {
      outcomes.add(
          unusable.isPresent()
              ? skip(h, best.get(), unusable.get(), term.get(), now)
              : decide(h, best.get(), data, term.get(), now));
    }
    return outcomes;
  }

  /** Why a price is not used, or empty when it is fresh enough and of good quality. */
  private Optional<String> unusable(ExitStore.Best best, Instant now) {
    if (best.stale()) {
      return Optional.of("stale price (" + best.staleReason().orElse("stale") + ")");
    }
    Duration age = Duration.between(best.ts(), now);
    if (age.compareTo(config.maxPriceAge()) > 0) {
      return Optional.of("stale price (" + age.toMillis() + " ms old)");
    }
    if (best.qualityScore() < config.minQuality()) {
      return Optional.of("quality " + best.qualityScore() + " below " + config.minQuality());
    }
    return Optional.empty();
  }

  private ExitOutcome skip(
      ExitStore.Held held, ExitStore.Best best, String reason, Term term, Instant now)
      throws SQLException {
    UUID id = held.position().positionId();
    if (held.lastSkipTs().isPresent()
        && Duration.between(held.lastSkipTs().get(), now).compareTo(config.skipRecordEvery()) < 0) {
      return new ExitOutcome(id, ExitOutcome.Kind.SKIPPED, Optional.empty());
    }
    ExitState state = held.stateOrInitial();
    BigDecimal pnl = pnl(best.price(), held.position().avgPrice());
    return inTransaction(
        id,
        held.position().version(),
        term,
        connection -> {
          store.saveState(connection, id, state, held.lastSignalTs(), Optional.of(now), now);
          store.insertSignal(
              connection,
              id,
              best.ts(),
              SKIP,
              false,
              reason,
              best.price(),
              state.hwm(),
              state.stopFloor(),
              pnl,
              Optional.empty());
          return new ExitOutcome(id, ExitOutcome.Kind.SKIP_RECORDED, Optional.empty());
        });
  }

  private ExitOutcome decide(
      ExitStore.Held first, ExitStore.Best best, Daily data, Term term, Instant now)
      throws SQLException {
    ExitStore.Held held = first;
    UUID id = held.position().positionId();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1) {
        Optional<ExitStore.Held> again;
        try (Connection connection = dataSource.getConnection()) {
          again = store.held(connection, id);
        }
        if (again.isEmpty()) {
          return new ExitOutcome(id, ExitOutcome.Kind.UNCHANGED, Optional.empty());
        }
        held = again.get();
      }
      ExitState state = held.stateOrInitial();
      ExitMarket market =
          new ExitMarket(
              best.price(), best.ts(), data.atr(), data.previousClose(), Optional.empty());
      ExitDecision decision = rules.evaluate(held.position(), state, market);
      boolean newSession =
          state.lastEvalTs().isEmpty()
              || !TradingCalendar.kstDate(state.lastEvalTs().get())
                  .equals(TradingCalendar.kstDate(best.ts()));
      boolean quietDue =
          held.lastSignalTs().isEmpty()
              || Duration.between(held.lastSignalTs().get(), now)
                      .compareTo(config.quietRecordEvery())
                  >= 0;
      boolean quietRow = decision.fired().isEmpty() && (decision.changed() || quietDue);
      if (decision.order().isEmpty()
          && !quietRow
          && !newSession
          && held.state().isPresent()
          && decision.next().phase().equals(state.phase())) {
        return new ExitOutcome(id, ExitOutcome.Kind.UNCHANGED, Optional.empty());
      }
      ExitStore.Held current = held;
      ExitOutcome outcome =
          inTransaction(
              id,
              held.position().version(),
              term,
              connection -> write(connection, current, decision, best, quietRow, term, now));
      if (outcome.kind() != ExitOutcome.Kind.CONFLICTED) {
        return outcome;
      }
    }
    log.info("exit decision not written: the position kept changing [positionId={}]", id);
    return new ExitOutcome(id, ExitOutcome.Kind.CONFLICTED, Optional.empty());
  }

  private ExitOutcome write(
      Connection connection,
      ExitStore.Held held,
      ExitDecision decision,
      ExitStore.Best best,
      boolean quietRow,
      Term term,
      Instant now)
      throws SQLException {
    ExitPosition position = held.position();
    UUID id = position.positionId();
    Optional<UUID> intentId = Optional.empty();
    String stored = "";
    if (decision.order().isPresent()) {
      ExitOrder order = decision.order().get();
      OrderIntent intent = order.toIntent(position.symbol(), id);
      if (OrderIntents.insert(connection, intent, term)) {
        intentId = Optional.of(intent.intentId());
      } else {
        stored = "; an intent with this key already existed";
      }
      if (order.type() == IntentType.EXIT_FULL) {
        store.markClosing(connection, id);
      }
    }
    Optional<Instant> lastSignal = held.lastSignalTs();
    String notes = decision.notes().isEmpty() ? "" : "; " + String.join("; ", decision.notes());
    boolean firstRow = true;
    for (ExitDecision.Fired fired : decision.fired()) {
      store.insertSignal(
          connection,
          id,
          best.ts(),
          fired.rule().code(),
          true,
          fired.reason() + (firstRow ? stored + notes : ""),
          best.price(),
          decision.next().hwm(),
          decision.next().stopFloor(),
          decision.pnlPct(),
          firstRow ? intentId : Optional.empty());
      firstRow = false;
      lastSignal = Optional.of(now);
    }
    if (quietRow) {
      store.insertSignal(
          connection,
          id,
          best.ts(),
          EVALUATION,
          false,
          decision.notes().isEmpty() ? "no rule fired" : String.join("; ", decision.notes()),
          best.price(),
          decision.next().hwm(),
          decision.next().stopFloor(),
          decision.pnlPct(),
          Optional.empty());
      lastSignal = Optional.of(now);
    }
    store.saveState(connection, id, decision.next(), lastSignal, held.lastSkipTs(), now);
    return new ExitOutcome(
        id,
        decision.order().isPresent() ? ExitOutcome.Kind.ORDERED : ExitOutcome.Kind.RECORDED,
        decision.order());
  }

  @FunctionalInterface
  private interface Write {
    ExitOutcome apply(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code write} in one transaction after share-locking the position at {@code version} and
   * checking {@code term}; CONFLICTED (rolled back) when the version moved, NOT_LEADER when the
   * term is over.
   */
  private ExitOutcome inTransaction(UUID id, int version, Term term, Write write)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!store.versionIs(connection, id, version)) {
          connection.rollback();
          return new ExitOutcome(id, ExitOutcome.Kind.CONFLICTED, Optional.empty());
        }
        term.check(connection);
        ExitOutcome outcome = write.apply(connection);
        connection.commit();
        return outcome;
      } catch (StaleTermException e) {
        connection.rollback();
        log.warn("exit write refused: the leader's term is over [positionId={}]", id);
        return new ExitOutcome(id, ExitOutcome.Kind.NOT_LEADER, Optional.empty());
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private Daily daily(Symbol symbol) throws SQLException {
    LocalDate today = TradingCalendar.kstDate(clock.instant());
    Daily cached = daily.get(symbol);
    if (cached != null && cached.today().equals(today)) {
      return cached;
    }
    List<DailyBar> bars;
    try (Connection connection = dataSource.getConnection()) {
      bars = store.daily(connection, symbol, today, Math.max(40, 3 * config.atrPeriod()));
    }
    Daily fresh =
        new Daily(
            today, Atr.wilder(bars, config.atrPeriod(), today), Atr.previousClose(bars, today));
    daily.put(symbol, fresh);
    return fresh;
  }

  /** Forgets the cached daily data (the observer loaded new bars). */
  public void dailyDataChanged() {
    daily.clear();
  }

  static BigDecimal pnl(long price, BigDecimal avg) {
    return BigDecimal.valueOf(price)
        .subtract(avg)
        .multiply(BigDecimal.valueOf(100))
        .divide(avg, 4, RoundingMode.HALF_EVEN);
  }
}
