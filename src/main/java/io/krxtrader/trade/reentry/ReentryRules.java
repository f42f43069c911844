package io.krxtrader.trade.reentry;

import io.krxtrader.krx.SessionPhase;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TickSize;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.EntriesHalted;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The re-entry decision, pure: which exits make a candidate, and what a candidate does on a price.
 * A WATCHING candidate buys when a fresh price has stayed at or above exit price × (1 + {@code
 * reentry.above-pct} / 100) for {@code reentry.hold-for} during continuous trading (the closing
 * auction does not count, and a missing or lower price breaks the hold); not while entries are
 * halted, and not when the risk check denies it. COOLDOWN and WATCHING candidates expire at the
 * close of the session of their exit.
 */
public final class ReentryRules {

  /** The exit rule codes that make a candidate (TP3, TIME and MANUAL do not). */
  public static final Set<String> QUALIFYING = Set.of("SL2", "GAP", "TRAIL", "BE");

  private final ReentryConfig config;
  private final TradingCalendar calendar;

  public ReentryRules(ReentryConfig config, TradingCalendar calendar) {
    this.config = config;
    this.calendar = calendar;
  }

  /** The candidate a full exit makes, if its rule qualifies. */
  public Optional<Candidate> afterExit(
      UUID candidateId,
      Symbol symbol,
      UUID positionId,
      long originalQuantity,
      String rule,
      Instant exitTs,
      BigDecimal exitPrice) {
    if (!QUALIFYING.contains(rule) || config.maxReentries() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Candidate(
            candidateId,
            symbol,
            positionId,
            originalQuantity,
            rule,
            exitTs,
            exitPrice,
            exitTs.plus(config.cooldown()),
            ReentryPhase.COOLDOWN,
            0,
            config.maxReentries(),
            Optional.empty()));
  }

  /** The re-entered position was fully exited by {@code rule} at {@code price}. */
  public Candidate reexited(Candidate candidate, String rule, Instant ts, BigDecimal price) {
    boolean qualifying = QUALIFYING.contains(rule);
    ReentryPhase next = candidate.phase().on(new ReentryPhase.Exited(qualifying));
    if (next != ReentryPhase.COOLDOWN) {
      return candidate.with(next, candidate.reentryCount(), Optional.empty());
    }
    return new Candidate(
        candidate.candidateId(),
        candidate.symbol(),
        candidate.originPositionId(),
        candidate.originalQuantity(),
        rule,
        ts,
        price,
        ts.plus(config.cooldown()),
        next,
        candidate.reentryCount(),
        candidate.maxReentries(),
        Optional.empty());
  }

  /**
   * Evaluates a candidate at {@code now} with the symbol's fresh best price ({@code price} empty
   * when there is none fresh).
   */
  public ReentryDecision evaluate(
      Candidate candidate,
      OptionalLong price,
      Instant now,
      EntriesHalted halted,
      ReentryRisk risk) {
    ReentryPhase phase = candidate.phase();
    if (!(phase instanceof ReentryPhase.Cooldown || phase instanceof ReentryPhase.Watching)) {
      return new ReentryDecision(candidate, Optional.empty(), Optional.empty());
    }
    Instant sessionEnd = calendar.close(TradingCalendar.kstDate(candidate.exitTs()));
    if (!now.isBefore(sessionEnd)) {
      return new ReentryDecision(
          candidate.with(
              phase.on(new ReentryPhase.SessionEnded()),
              candidate.reentryCount(),
              Optional.empty()),
          Optional.empty(),
          Optional.of("the session ended"));
    }
    if (phase instanceof ReentryPhase.Cooldown) {
      if (now.isBefore(candidate.cooldownUntil())) {
        return new ReentryDecision(candidate, Optional.empty(), Optional.empty());
      }
      candidate =
          candidate.with(
              phase.on(new ReentryPhase.CooldownOver()),
              candidate.reentryCount(),
              Optional.empty());
    }
    BigDecimal trigger =
        candidate.exitPrice().multiply(BigDecimal.ONE.add(config.abovePct().movePointLeft(2)));
    boolean continuous = calendar.phaseAt(now) == SessionPhase.CONTINUOUS;
    if (price.isEmpty()
        || !continuous
        || BigDecimal.valueOf(price.getAsLong()).compareTo(trigger) < 0) {
      return new ReentryDecision(
          candidate.with(candidate.phase(), candidate.reentryCount(), Optional.empty()),
          Optional.empty(),
          Optional.empty());
    }
    Instant since = candidate.aboveSince().orElse(now);
    if (Duration.between(since, now).compareTo(config.holdFor()) < 0) {
      return new ReentryDecision(
          candidate.with(candidate.phase(), candidate.reentryCount(), Optional.of(since)),
          Optional.empty(),
          Optional.empty());
    }
    long quantity =
        Math.max(
            1,
            BigDecimal.valueOf(candidate.originalQuantity())
                .multiply(config.sizePct())
                .movePointLeft(2)
                .setScale(0, RoundingMode.DOWN)
                .longValueExact());
    long limit = TickSize.ceil(price.getAsLong());
    Candidate holding =
        candidate.with(candidate.phase(), candidate.reentryCount(), Optional.of(since));
    if (halted.halted()) {
      return new ReentryDecision(holding, Optional.empty(), Optional.of("entries are halted"));
    }
    Optional<String> denied = risk.deny(candidate.symbol(), quantity, limit);
    if (denied.isPresent()) {
      return new ReentryDecision(holding, Optional.empty(), Optional.of("risk: " + denied.get()));
    }
    int count = candidate.reentryCount() + 1;
    ReentryPhase next =
        candidate.phase().on(new ReentryPhase.Bought(count >= candidate.maxReentries()));
    return new ReentryDecision(
        candidate.with(next, count, Optional.empty()),
        Optional.of(
            new ReentryDecision.EntryOrder(
                quantity, limit, candidate.candidateId() + ":ENTRY:" + count)),
        Optional.empty());
  }
}
