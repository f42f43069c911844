package io.krxtrader.trade.exit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A position's exit state ({@code trade.position_state}).
 *
 * @param entryQuantity the quantity when the engine first saw the position: TP1 and TP2 each sell a
 *     third of it
 * @param hwm the highest price seen since entry
 * @param stopFloor the break-even floor after TP1; never falls
 * @param atr the ATR the last evaluation used
 * @param cooldownUntil no partial exit before this
 * @param lastEvalTs the time of the last evaluated price (its KST date tells the session's first
 *     price)
 * @param manualCount MANUAL exits decided so far (the {@code n} of {@code
 *     {position_id}:MANUAL:{n}})
 */
public record ExitState(
    ExitPhase phase,
    long entryQuantity,
    OptionalLong hwm,
    Optional<BigDecimal> stopFloor,
    Optional<BigDecimal> atr,
    Optional<Instant> cooldownUntil,
    Optional<Instant> lastEvalTs,
    int manualCount) {

  public ExitState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(hwm, "hwm");
    Objects.requireNonNull(stopFloor, "stopFloor");
    Objects.requireNonNull(atr, "atr");
    Objects.requireNonNull(cooldownUntil, "cooldownUntil");
    Objects.requireNonNull(lastEvalTs, "lastEvalTs");
  }

  /** The state of a position the engine has not evaluated yet. */
  public static ExitState initial(long entryQuantity) {
    return new ExitState(
        ExitPhase.OPEN,
        entryQuantity,
        OptionalLong.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        0);
  }
}
