package io.krxtrader.trade.reentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Settings;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.EntriesHalted;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A candidate's whole life, hand-computed: 100 shares stopped out at 10,000 won. */
class ReentryRulesTest {

  static final UUID CANDIDATE = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
  static final UUID POSITION = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  static final Symbol SYMBOL = Symbol.of("005930");

  final ReentryRules rules = new ReentryRules(ReentryConfig.defaults(), TradingCalendar.krx());

  static Instant kst(String time) {
    return LocalDateTime.parse("2026-12-03T" + time).atZone(TradingCalendar.KST).toInstant();
  }

  Candidate stoppedOutAt(String time) {
    return rules
        .afterExit(CANDIDATE, SYMBOL, POSITION, 100, "SL2", kst(time), new BigDecimal("10000"))
        .orElseThrow();
  }

  ReentryDecision at(Candidate candidate, long price, String time) {
    return rules.evaluate(
        candidate, OptionalLong.of(price), kst(time), EntriesHalted.NEVER, ReentryRisk.ALLOW_ALL);
  }

  @Test
  void defaults_are_the_specs_numbers_and_keys_are_checked() {
    ReentryConfig config = ReentryConfig.defaults();
    assertThat(config.cooldown()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.abovePct()).isEqualByComparingTo("1.0");
    assertThat(config.holdFor()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.sizePct()).isEqualByComparingTo("50");
    assertThat(config.maxReentries()).isEqualTo(2);
    assertThat(config.minQuality()).isEqualTo(50);
    assertThat(config.maxPriceAge()).isEqualTo(Duration.ofSeconds(5));
    Settings settings = Settings.of(Map.of(ReentryConfig.MAX_REENTRIES, "3", "reentry.typo", "1"));
    assertThat(ReentryConfig.from(settings).maxReentries()).isEqualTo(3);
    assertThatThrownBy(settings::rejectUnknownKeys)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("reentry.typo");
  }

  @Test
  void only_stop_type_exits_make_a_candidate() {
    for (String rule : new String[] {"SL2", "GAP", "TRAIL", "BE"}) {
      assertThat(
              rules.afterExit(
                  CANDIDATE, SYMBOL, POSITION, 100, rule, kst("10:00:00"), BigDecimal.TEN))
          .as(rule)
          .isPresent();
    }
    for (String rule : new String[] {"TP3", "TIME", "MANUAL", "SL1"}) {
      assertThat(
              rules.afterExit(
                  CANDIDATE, SYMBOL, POSITION, 100, rule, kst("10:00:00"), BigDecimal.TEN))
          .as(rule)
          .isEmpty();
    }
    Candidate candidate = stoppedOutAt("10:00:00");
    assertThat(candidate.phase()).isEqualTo(ReentryPhase.COOLDOWN);
    assertThat(candidate.cooldownUntil()).isEqualTo(kst("10:30:00"));
  }

  @Test
  void the_full_life_two_re_entries_then_exhausted() {
    Candidate candidate = stoppedOutAt("10:00:00");
    // in the cooldown nothing happens even above the trigger
    assertThat(at(candidate, 10_500, "10:29:59").next().phase()).isEqualTo(ReentryPhase.COOLDOWN);
    // 10:30 the cooldown is over; 10,100 = 10,000 × 1.01 starts the hold
    ReentryDecision watching = at(candidate, 10_100, "10:30:00");
    assertThat(watching.next().phase()).isEqualTo(ReentryPhase.WATCHING);
    assertThat(watching.order()).isEmpty();
    ReentryDecision holding = at(watching.next(), 10_100, "10:30:29");
    assertThat(holding.order()).isEmpty();
    ReentryDecision bought = at(holding.next(), 10_110, "10:30:30");
    ReentryDecision.EntryOrder first = bought.order().orElseThrow();
    assertThat(first.quantity()).isEqualTo(50);
    assertThat(first.limitPrice()).isEqualTo(10_110);
    assertThat(first.actionKey()).isEqualTo(CANDIDATE + ":ENTRY:1");
    assertThat(bought.next().phase()).isEqualTo(ReentryPhase.ENTERED);
    assertThat(bought.next().reentryCount()).isEqualTo(1);

    // the re-entered position is trailed out at 10,050: back to COOLDOWN from the new exit
    Candidate again =
        rules.reexited(bought.next(), "TRAIL", kst("11:00:00"), new BigDecimal("10050"));
    assertThat(again.phase()).isEqualTo(ReentryPhase.COOLDOWN);
    assertThat(again.cooldownUntil()).isEqualTo(kst("11:30:00"));
    // trigger 10,050 × 1.01 = 10,150.5: 10,150 is below it
    ReentryDecision below = at(again, 10_150, "11:30:00");
    assertThat(below.next().aboveSince()).isEmpty();
    ReentryDecision start = at(below.next(), 10_160, "11:30:01");
    ReentryDecision second = at(start.next(), 10_160, "11:30:31");
    assertThat(second.order().orElseThrow().actionKey()).isEqualTo(CANDIDATE + ":ENTRY:2");
    assertThat(second.next().phase()).isEqualTo(ReentryPhase.EXHAUSTED);
    assertThat(second.next().reentryCount()).isEqualTo(2);
    assertThat(at(second.next(), 11_000, "12:00:00").order()).isEmpty();
  }

  @Test
  void a_price_below_the_trigger_breaks_the_hold() {
    Candidate watching = at(stoppedOutAt("10:00:00"), 10_100, "10:30:00").next();
    Candidate broken = at(watching, 10_090, "10:30:10").next();
    assertThat(broken.aboveSince()).isEmpty();
    ReentryDecision restarted = at(broken, 10_100, "10:30:20");
    assertThat(at(restarted.next(), 10_100, "10:30:40").order()).as("20 s only").isEmpty();
    assertThat(at(restarted.next(), 10_100, "10:30:50").order()).isPresent();
  }

  @Test
  void no_fresh_price_breaks_the_hold() {
    Candidate watching = at(stoppedOutAt("10:00:00"), 10_100, "10:30:00").next();
    ReentryDecision stale =
        rules.evaluate(
            watching,
            OptionalLong.empty(),
            kst("10:30:10"),
            EntriesHalted.NEVER,
            ReentryRisk.ALLOW_ALL);
    assertThat(stale.next().aboveSince()).isEmpty();
  }

  @Test
  void the_closing_auction_does_not_count_and_the_session_end_expires() {
    Candidate candidate = stoppedOutAt("14:45:00");
    Candidate watching = at(candidate, 10_100, "15:19:40").next();
    assertThat(at(watching, 10_100, "15:19:59").order()).isEmpty();
    ReentryDecision auction = at(at(watching, 10_100, "15:20:00").next(), 10_100, "15:25:00");
    assertThat(auction.order()).isEmpty();
    ReentryDecision expired = at(auction.next(), 10_100, "15:30:00");
    assertThat(expired.next().phase()).isEqualTo(ReentryPhase.EXPIRED);
    // a cooldown that outlasts the session expires too
    assertThat(at(stoppedOutAt("15:10:00"), 10_100, "15:30:00").next().phase())
        .isEqualTo(ReentryPhase.EXPIRED);
  }

  @Test
  void a_halt_or_a_risk_denial_buys_nothing_and_keeps_watching() {
    Candidate held = at(stoppedOutAt("10:00:00"), 10_100, "10:30:00").next();
    ReentryDecision halted =
        rules.evaluate(
            held, OptionalLong.of(10_100), kst("10:30:30"), () -> true, ReentryRisk.ALLOW_ALL);
    assertThat(halted.order()).isEmpty();
    assertThat(halted.note()).contains("entries are halted");
    assertThat(halted.next().phase()).isEqualTo(ReentryPhase.WATCHING);
    ReentryDecision denied =
        rules.evaluate(
            halted.next(),
            OptionalLong.of(10_100),
            kst("10:30:31"),
            EntriesHalted.NEVER,
            (symbol, qty, price) -> Optional.of("daily loss limit"));
    assertThat(denied.order()).isEmpty();
    assertThat(denied.note()).contains("risk: daily loss limit");
    ReentryDecision resumed = at(denied.next(), 10_100, "10:30:32");
    assertThat(resumed.order()).as("the hold survived the halt").isPresent();
  }

  @Test
  void a_non_qualifying_exit_of_the_re_entered_position_ends_the_candidate() {
    Candidate entered =
        at(at(stoppedOutAt("10:00:00"), 10_100, "10:30:00").next(), 10_100, "10:30:30").next();
    assertThat(rules.reexited(entered, "TP3", kst("11:00:00"), new BigDecimal("11500")).phase())
        .isEqualTo(ReentryPhase.DONE);
  }

  @Test
  void the_buy_is_half_of_the_original_rounded_down_at_least_one() {
    Candidate one =
        rules
            .afterExit(
                CANDIDATE, SYMBOL, POSITION, 1, "GAP", kst("10:00:00"), new BigDecimal("10000"))
            .orElseThrow();
    Candidate watching = at(one, 10_100, "10:30:00").next();
    assertThat(at(watching, 10_100, "10:30:30").order().orElseThrow().quantity()).isEqualTo(1);
    Candidate odd =
        rules
            .afterExit(
                CANDIDATE, SYMBOL, POSITION, 7, "GAP", kst("10:00:00"), new BigDecimal("10000"))
            .orElseThrow();
    Candidate watchingOdd = at(odd, 10_100, "10:30:00").next();
    assertThat(at(watchingOdd, 10_100, "10:30:30").order().orElseThrow().quantity()).isEqualTo(3);
  }
}
