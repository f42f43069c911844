package io.krxtrader.trade.exit;

import io.krxtrader.krx.TickSize;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.PriceType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The exit decision: one position, one fresh price, at most one order. Pure (no clock, no
 * database): the engine and {@code exit simulate} both call {@link #evaluate}.
 *
 * <p>Every rule whose condition holds and whose phase allows it is reported in priority order
 * ({@link ExitRule}); the first that may act becomes the order. A partial exit (SL1, TP1, TP2, a
 * MANUAL quantity) is rounded down, is at least 1 share, and sells all when nothing would remain;
 * while the cooldown after a partial runs, SL1, TP1 and TP2 are held back (full exits and MANUAL
 * are not). Stops and MANUAL go at the market; take-profits at a limit, the price rounded down to
 * the tick grid, unless configured to the market.
 */
public final class ExitRules {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final ExitConfig config;
  private final TradingCalendar calendar;

  public ExitRules(ExitConfig config, TradingCalendar calendar) {
    this.config = config;
    this.calendar = calendar;
  }

  public ExitConfig config() {
    return config;
  }

  public ExitDecision evaluate(ExitPosition position, ExitState state, ExitMarket market) {
    long price = market.price();
    Instant ts = market.ts();
    BigDecimal avg = position.avgPrice();
    BigDecimal pnl =
        BigDecimal.valueOf(price)
            .subtract(avg)
            .multiply(HUNDRED)
            .divide(avg, 4, RoundingMode.HALF_EVEN);
    long hwm = Math.max(state.hwm().orElse(price), price);
    if (position.quantity() == 0) {
      ExitPhase closed = state.phase().on(new ExitPhase.PositionClosed());
      ExitState next =
          new ExitState(
              closed,
              state.entryQuantity(),
              OptionalLong.of(hwm),
              state.stopFloor(),
              market.atr().or(state::atr),
              state.cooldownUntil(),
              Optional.of(ts),
              state.manualCount());
      return new ExitDecision(
          next, List.of(), Optional.empty(), List.of(), closed != state.phase(), pnl);
    }
    ExitPhase phase = state.phase();
    Optional<BigDecimal> floor = state.stopFloor();
    if (phase.afterTakeProfit()) {
      BigDecimal breakEven =
          avg.multiply(BigDecimal.ONE.add(config.breakEvenMarkupPct().movePointLeft(2)));
      floor = Optional.of(floor.map(f -> f.max(breakEven)).orElse(breakEven));
    }
    boolean firstOfSession =
        state.lastEvalTs().isEmpty()
            || TradingCalendar.kstDate(state.lastEvalTs().get())
                .isBefore(TradingCalendar.kstDate(ts));
    boolean inCooldown = state.cooldownUntil().map(until -> ts.isBefore(until)).orElse(false);

    List<ExitDecision.Fired> fired = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    ExitOrder order = null;
    ExitPhase nextPhase = phase;
    for (ExitRule rule : ExitRule.values()) {
      if (!phase.allows(rule)) {
        continue;
      }
      Optional<String> reason =
          condition(rule, position, state, market, pnl, hwm, floor, firstOfSession, notes);
      if (reason.isEmpty()) {
        continue;
      }
      if (order != null) {
        fired.add(
            new ExitDecision.Fired(rule, reason.get() + "; outranked by " + order.rule().code()));
        continue;
      }
      long quantity = quantity(rule, phase, position, state, market);
      boolean full = quantity >= position.quantity();
      if (!full && inCooldown && rule != ExitRule.MANUAL) {
        notes.add(
            rule.code()
                + " held back: partial-exit cooldown until "
                + state.cooldownUntil().get()
                + " ("
                + reason.get()
                + ")");
        continue;
      }
      fired.add(new ExitDecision.Fired(rule, reason.get()));
      order = order(rule, position, state, price, Math.min(quantity, position.quantity()), full);
      nextPhase = phase.on(new ExitPhase.Sold(rule, full));
    }
    Optional<Instant> cooldown = state.cooldownUntil();
    int manualCount = state.manualCount();
    if (order != null) {
      if (order.type() == IntentType.EXIT_PARTIAL) {
        cooldown = Optional.of(ts.plus(config.partialCooldown()));
      }
      if (order.rule() == ExitRule.MANUAL) {
        manualCount++;
      }
    }
    ExitState next =
        new ExitState(
            nextPhase,
            state.entryQuantity(),
            OptionalLong.of(hwm),
            floor,
            market.atr().or(state::atr),
            cooldown,
            Optional.of(ts),
            manualCount);
    boolean changed =
        order != null
            || nextPhase != phase
            || !next.hwm().equals(state.hwm())
            || !sameDecimal(floor, state.stopFloor());
    return new ExitDecision(next, fired, Optional.ofNullable(order), notes, changed, pnl);
  }

  /** Why {@code rule} fires, or empty when it does not (a missing datum is noted). */
  private Optional<String> condition(
      ExitRule rule,
      ExitPosition position,
      ExitState state,
      ExitMarket market,
      BigDecimal pnl,
      long hwm,
      Optional<BigDecimal> floor,
      boolean firstOfSession,
      List<String> notes) {
    long price = market.price();
    String pnlText = "pnl " + pnl.toPlainString() + " %";
    return switch (rule) {
      case MANUAL -> market.manual().map(request -> "operator request");
      case GAP_DOWN -> {
        if (!firstOfSession) {
          yield Optional.empty();
        }
        if (market.previousClose().isEmpty()) {
          notes.add("GAP not judged: no previous close");
          yield Optional.empty();
        }
        long close = market.previousClose().getAsLong();
        boolean gapped =
            BigDecimal.valueOf(price)
                    .multiply(HUNDRED)
                    .compareTo(BigDecimal.valueOf(close).multiply(config.gapOpenPctOfClose()))
                <= 0;
        yield gapped && comparePnl(price, position.avgPrice(), config.gapPnlPct()) <= 0
            ? Optional.of(
                "first price "
                    + price
                    + " ≤ "
                    + config.gapOpenPctOfClose().toPlainString()
                    + " % of previous close "
                    + close
                    + ", "
                    + pnlText)
            : Optional.empty();
      }
      case HARD_STOP_2 ->
          comparePnl(price, position.avgPrice(), config.sl2PnlPct()) <= 0
              ? Optional.of(pnlText + " ≤ " + config.sl2PnlPct().toPlainString() + " %")
              : Optional.empty();
      case ATR_TRAIL -> {
        if (market.atr().isEmpty()) {
          notes.add("TRAIL not judged: no ATR");
          yield Optional.empty();
        }
        BigDecimal trail =
            BigDecimal.valueOf(hwm)
                .subtract(config.trailAtrMultiple().multiply(market.atr().get()));
        BigDecimal stop = floor.map(trail::max).orElse(trail);
        yield BigDecimal.valueOf(price).compareTo(stop) <= 0
            ? Optional.of(
                "price "
                    + price
                    + " ≤ max(trail "
                    + trail.stripTrailingZeros().toPlainString()
                    + ", floor "
                    + floor.map(f -> f.stripTrailingZeros().toPlainString()).orElse("none")
                    + ")")
            : Optional.empty();
      }
      case BREAK_EVEN ->
          floor.isPresent() && BigDecimal.valueOf(price).compareTo(floor.get()) <= 0
              ? Optional.of(
                  "price "
                      + price
                      + " ≤ stop floor "
                      + floor.get().stripTrailingZeros().toPlainString())
              : Optional.empty();
      case TIME_EXIT -> {
        long held = sessionsHeld(position.entryTs(), market.ts());
        boolean late =
            !market.ts().atZone(TradingCalendar.KST).toLocalTime().isBefore(config.timeExitFrom());
        yield held >= config.timeExitSessions()
                && late
                && comparePnl(price, position.avgPrice(), config.timeExitBelowPnlPct()) < 0
            ? Optional.of("held " + held + " sessions, " + pnlText)
            : Optional.empty();
      }
      case HARD_STOP_1 ->
          comparePnl(price, position.avgPrice(), config.sl1PnlPct()) <= 0
              ? Optional.of(pnlText + " ≤ " + config.sl1PnlPct().toPlainString() + " %")
              : Optional.empty();
      case SCALE_OUT_3 -> target(price, position, config.tp3PnlPct(), pnlText);
      case SCALE_OUT_2 -> target(price, position, config.tp2PnlPct(), pnlText);
      case SCALE_OUT_1 -> target(price, position, config.tp1PnlPct(), pnlText);
    };
  }

  /** The quantity a rule sells, before the cap at the current quantity. */
  private long quantity(
      ExitRule rule, ExitPhase phase, ExitPosition position, ExitState state, ExitMarket market) {
    long current = position.quantity();
    long third = Math.max(1, state.entryQuantity() / 3);
    return switch (rule) {
      case HARD_STOP_1 ->
          Math.max(
              1,
              BigDecimal.valueOf(current)
                  .multiply(config.sl1SellPct())
                  .movePointLeft(2)
                  .setScale(0, RoundingMode.DOWN)
                  .longValueExact());
      case SCALE_OUT_1 -> third;
      case SCALE_OUT_2 -> phase.afterTakeProfit() ? third : 2 * third;
      case MANUAL -> Math.max(1, market.manual().orElseThrow().quantity().orElse(current));
      case GAP_DOWN, HARD_STOP_2, ATR_TRAIL, BREAK_EVEN, TIME_EXIT, SCALE_OUT_3 -> current;
    };
  }

  private ExitOrder order(
      ExitRule rule,
      ExitPosition position,
      ExitState state,
      long price,
      long quantity,
      boolean full) {
    String key =
        rule == ExitRule.MANUAL
            ? position.positionId() + ":MANUAL:" + (state.manualCount() + 1)
            : position.positionId() + ":" + rule.code();
    IntentType type = full ? IntentType.EXIT_FULL : IntentType.EXIT_PARTIAL;
    if (rule.isTakeProfit() && config.takeProfitOrder() == PriceType.LMT) {
      return new ExitOrder(
          rule, type, quantity, PriceType.LMT, OptionalLong.of(TickSize.floor(price)), key);
    }
    return new ExitOrder(rule, type, quantity, PriceType.MKT, OptionalLong.empty(), key);
  }

  /** Trading days after the entry's KST date up to and including the evaluation's. */
  long sessionsHeld(Instant entry, Instant now) {
    LocalDate day = TradingCalendar.kstDate(entry);
    LocalDate today = TradingCalendar.kstDate(now);
    long sessions = 0;
    while (day.isBefore(today)) {
      day = calendar.nextTradingDay(day);
      if (!day.isAfter(today)) {
        sessions++;
      }
    }
    return sessions;
  }

  /**
   * Compares the exact pnl with a percentage: (price − avg) × 100 against pct × avg, so that no
   * rounding of the pnl moves a threshold.
   */
  private static int comparePnl(long price, BigDecimal avg, BigDecimal pct) {
    return BigDecimal.valueOf(price).subtract(avg).multiply(HUNDRED).compareTo(pct.multiply(avg));
  }

  private static Optional<String> target(
      long price, ExitPosition position, BigDecimal target, String pnlText) {
    return comparePnl(price, position.avgPrice(), target) >= 0
        ? Optional.of(pnlText + " ≥ " + target.toPlainString() + " %")
        : Optional.empty();
  }

  private static boolean sameDecimal(Optional<BigDecimal> a, Optional<BigDecimal> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || a.get().compareTo(b.get()) == 0);
  }
}
