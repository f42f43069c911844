package io.krxtrader.trade.router;

import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gate 1, the pick itself, first failure answers: UNKNOWN_SYMBOL (not in the universe),
 * SCORE_OUT_OF_RANGE (outside the producer's {@code score-min..score-max}), NOT_LONG, NOT_TODAY
 * ({@code run_date} or the KST date of {@code asof_ts} is not today), ASOF_STALE ({@code asof_ts}
 * older than {@code router.max-pick-age}, 30 min, at decision time), ASOF_IN_FUTURE (more than a
 * minute ahead of the router's clock), POSITION_OPEN (an OPEN or CLOSING position in the symbol),
 * REENTRY_CANDIDATE_LIVE (a re-entry candidate in COOLDOWN or WATCHING on the symbol).
 */
final class PickGate {

  /** The gate's two questions about the symbol, asked once per symbol however many picks. */
  private static final String SYMBOL_STATE =
      """
      SELECT EXISTS (SELECT 1 FROM trade.positions
                      WHERE symbol = ? AND status IN ('OPEN', 'CLOSING')),
             EXISTS (SELECT 1 FROM trade.reentry_candidates
                      WHERE symbol = ? AND state IN ('COOLDOWN', 'WATCHING'))
      """;

  private final RouterConfig config;
  private final Universe universe;

  PickGate(RouterConfig config, Universe universe) {
    this.config = config;
    this.universe = universe;
  }

  /**
   * Gate 1 for each of one symbol's picks, in their order: what each pick says is checked first,
   * then (once, and only if a pick got that far) the symbol's open position and re-entry candidate.
   */
  List<Gate> check(Connection connection, List<ActivePick> picks, Instant now) throws SQLException {
    List<Gate> gates = new ArrayList<>();
    Optional<Gate> symbolGate = Optional.empty();
    for (ActivePick pick : picks) {
      Gate gate = check(pick, now);
      if (gate instanceof Gate.Pass) {
        if (symbolGate.isEmpty()) {
          symbolGate = Optional.of(checkSymbol(connection, pick.symbol()));
        }
        gate = symbolGate.get();
      }
      gates.add(gate);
    }
    return gates;
  }

  private Gate check(ActivePick pick, Instant now) {
    if (!Symbol.isValid(pick.symbol()) || universe.find(Symbol.of(pick.symbol())).isEmpty()) {
      return Gate.fail("UNKNOWN_SYMBOL", "symbol=" + pick.symbol());
    }
    RouterConfig.Producer producer = config.producer(pick.producerId());
    if (pick.score().compareTo(producer.scoreMin()) < 0
        || pick.score().compareTo(producer.scoreMax()) > 0) {
      return Gate.fail(
          "SCORE_OUT_OF_RANGE",
          "score="
              + pick.score().toPlainString()
              + " range="
              + producer.scoreMin()
              + ".."
              + producer.scoreMax());
    }
    if (!pick.side().equals("LONG")) {
      return Gate.fail("NOT_LONG", "side=" + pick.side());
    }
    var today = TradingCalendar.kstDate(now);
    if (!pick.runDate().equals(today) || !TradingCalendar.kstDate(pick.asof()).equals(today)) {
      return Gate.fail(
          "NOT_TODAY",
          "run_date=" + pick.runDate() + " asof_ts=" + pick.asof() + " today=" + today);
    }
    Duration age = Duration.between(pick.asof(), now);
    if (age.compareTo(config.maxPickAge()) > 0) {
      return Gate.fail(
          "ASOF_STALE",
          "age=" + age.toSeconds() + "s max=" + config.maxPickAge().toSeconds() + "s");
    }
    if (age.compareTo(Duration.ofMinutes(-1)) < 0) {
      return Gate.fail("ASOF_IN_FUTURE", "asof_ts=" + pick.asof() + " now=" + now);
    }
    return new Gate.Pass();
  }

  private static Gate checkSymbol(Connection connection, String symbol) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SYMBOL_STATE)) {
      statement.setString(1, symbol);
      statement.setString(2, symbol);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        if (row.getBoolean(1)) {
          return Gate.fail("POSITION_OPEN", "symbol=" + symbol);
        }
        if (row.getBoolean(2)) {
          return Gate.fail("REENTRY_CANDIDATE_LIVE", "symbol=" + symbol);
        }
        return new Gate.Pass();
      }
    }
  }
}
