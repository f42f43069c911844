package io.krxtrader.trade.exit;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.config.Settings;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.trade.IntentType;
import io.krxtrader.trade.PriceType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Golden scenarios, hand-computed: a position of 100 shares at 10,000 won entered on Tuesday
 * 2026-12-01 10:00 KST, evaluated on Thursday 2026-12-03 10:00 KST unless a test says otherwise.
 */
class ExitRulesTest {

  static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000014");
  static final Symbol SYMBOL = Symbol.of("005930");
  static final Instant ENTRY = kst("2026-12-01T10:00:00");
  static final Instant NOW = kst("2026-12-03T10:00:00");

  final ExitRules rules = new ExitRules(ExitConfig.defaults(), TradingCalendar.krx());

  static Instant kst(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TradingCalendar.KST).toInstant();
  }

  static ExitPosition position(long quantity) {
    return new ExitPosition(ID, SYMBOL, quantity, new BigDecimal("10000"), ENTRY, 1);
  }

  /** A state evaluated earlier today (so the next price is not the session's first). */
  static ExitState state(ExitPhase phase, long hwm) {
    return new ExitState(
        phase,
        100,
        OptionalLong.of(hwm),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(NOW.minusSeconds(1)),
        0);
  }

  static ExitMarket price(long price) {
    return new ExitMarket(price, NOW, Optional.empty(), OptionalLong.empty(), Optional.empty());
  }

  static ExitMarket price(long price, long atr) {
    return new ExitMarket(
        price, NOW, Optional.of(BigDecimal.valueOf(atr)), OptionalLong.empty(), Optional.empty());
  }

  static List<String> firedCodes(ExitDecision decision) {
    return decision.fired().stream().map(f -> f.rule().code()).toList();
  }

  @Test
  void hard_stop_stage_1_sells_half_at_the_market_and_starts_the_cooldown() {
    ExitDecision d = rules.evaluate(position(100), state(ExitPhase.OPEN, 10_000), price(9_800));
    ExitOrder order = d.order().orElseThrow();
    assertThat(order.rule()).isEqualTo(ExitRule.HARD_STOP_1);
    assertThat(order.quantity()).isEqualTo(50);
    assertThat(order.type()).isEqualTo(IntentType.EXIT_PARTIAL);
    assertThat(order.priceType()).isEqualTo(PriceType.MKT);
    assertThat(order.limitPrice()).isEmpty();
    assertThat(order.actionKey()).isEqualTo(ID + ":SL1");
    assertThat(d.next().phase()).isEqualTo(ExitPhase.SL1_DONE);
    assertThat(d.next().cooldownUntil()).contains(NOW.plusSeconds(60));
    assertThat(d.pnlPct()).isEqualByComparingTo("-2.0");
  }

  @Test
  void just_above_a_threshold_nothing_fires() {
    ExitDecision d = rules.evaluate(position(100), state(ExitPhase.OPEN, 10_000), price(9_801));
    assertThat(d.order()).isEmpty();
    assertThat(d.fired()).isEmpty();
    assertThat(d.changed()).isFalse();
  }

  @Test
  void a_partial_is_rounded_down_and_at_least_one_share() {
    ExitDecision three = rules.evaluate(position(3), state(ExitPhase.OPEN, 10_000), price(9_800));
    assertThat(three.order().orElseThrow().quantity()).isEqualTo(1);
    assertThat(three.order().get().type()).isEqualTo(IntentType.EXIT_PARTIAL);
  }

  @Test
  void a_partial_that_would_leave_nothing_is_a_full_exit() {
    ExitDecision one = rules.evaluate(position(1), state(ExitPhase.OPEN, 10_000), price(9_800));
    ExitOrder order = one.order().orElseThrow();
    assertThat(order.quantity()).isEqualTo(1);
    assertThat(order.type()).isEqualTo(IntentType.EXIT_FULL);
    assertThat(order.actionKey()).isEqualTo(ID + ":SL1");
    assertThat(one.next().phase()).isEqualTo(ExitPhase.CLOSING);
    assertThat(one.next().cooldownUntil()).isEmpty();
  }

  @Test
  void hard_stop_stage_2_sells_all_and_outranks_stage_1() {
    ExitDecision d = rules.evaluate(position(100), state(ExitPhase.OPEN, 10_000), price(9_650));
    ExitOrder order = d.order().orElseThrow();
    assertThat(order.rule()).isEqualTo(ExitRule.HARD_STOP_2);
    assertThat(order.quantity()).isEqualTo(100);
    assertThat(order.type()).isEqualTo(IntentType.EXIT_FULL);
    assertThat(order.priceType()).isEqualTo(PriceType.MKT);
    assertThat(order.actionKey()).isEqualTo(ID + ":SL2");
    assertThat(firedCodes(d)).containsExactly("SL2", "SL1");
    assertThat(d.next().phase()).isEqualTo(ExitPhase.CLOSING);
  }

  @Test
  void stage_2_after_stage_1_sells_what_is_left() {
    ExitState afterSl1 = state(ExitPhase.SL1_DONE, 10_000);
    ExitDecision d = rules.evaluate(position(50), afterSl1, price(9_600));
    assertThat(d.order().orElseThrow().quantity()).isEqualTo(50);
    assertThat(d.order().get().actionKey()).isEqualTo(ID + ":SL2");
    ExitDecision again = rules.evaluate(position(50), afterSl1, price(9_800));
    assertThat(again.order()).as("SL1 fires once").isEmpty();
  }

  @Test
  void gap_down_on_the_first_price_of_a_session_sells_all_and_outranks_the_stops() {
    ExitState yesterday =
        new ExitState(
            ExitPhase.OPEN,
            100,
            OptionalLong.of(10_000),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(kst("2026-12-02T15:29:00")),
            0);
    // 9,600 ≤ 10,200 × 0.97 = 9,894 and pnl −4 %: GAP, SL2 and SL1 all fire.
    ExitMarket open =
        new ExitMarket(9_600, NOW, Optional.empty(), OptionalLong.of(10_200), Optional.empty());
    ExitDecision d = rules.evaluate(position(100), yesterday, open);
    assertThat(d.order().orElseThrow().actionKey()).isEqualTo(ID + ":GAP");
    assertThat(d.order().get().priceType()).isEqualTo(PriceType.MKT);
    assertThat(d.order().get().quantity()).isEqualTo(100);
    assertThat(firedCodes(d)).containsExactly("GAP", "SL2", "SL1");
  }

  @Test
  void gap_down_needs_the_first_price_of_the_session() {
    ExitMarket later =
        new ExitMarket(9_790, NOW, Optional.empty(), OptionalLong.of(10_200), Optional.empty());
    ExitDecision d = rules.evaluate(position(100), state(ExitPhase.OPEN, 10_000), later);
    assertThat(d.order().orElseThrow().rule()).isEqualTo(ExitRule.HARD_STOP_1);
  }

  @Test
  void gap_down_without_a_previous_close_does_not_fire_and_says_so() {
    ExitState fresh = ExitState.initial(100);
    ExitDecision d = rules.evaluate(position(100), fresh, price(9_790));
    assertThat(d.order().orElseThrow().rule()).isEqualTo(ExitRule.HARD_STOP_1);
    assertThat(d.notes()).contains("GAP not judged: no previous close");
  }

  @Test
  void take_profit_1_sells_a_third_of_the_entry_at_a_limit_on_the_tick_grid() {
    // 10,507 is off the 10-won grid: the limit is 10,500.
    ExitDecision d = rules.evaluate(position(100), state(ExitPhase.OPEN, 10_000), price(10_507));
    ExitOrder order = d.order().orElseThrow();
    assertThat(order.rule()).isEqualTo(ExitRule.SCALE_OUT_1);
    assertThat(order.quantity()).isEqualTo(33);
    assertThat(order.type()).isEqualTo(IntentType.EXIT_PARTIAL);
    assertThat(order.priceType()).isEqualTo(PriceType.LMT);
    assertThat(order.limitPrice()).hasValue(10_500);
    assertThat(order.actionKey()).isEqualTo(ID + ":TP1");
    assertThat(d.next().phase()).isEqualTo(ExitPhase.TP1_DONE);
    assertThat(d.next().stopFloor()).isEmpty();
  }

  @Test
  void take_profits_can_be_configured_to_the_market() {
    ExitRules market =
        new ExitRules(
            ExitConfig.from(Settings.of(Map.of(ExitConfig.TAKE_PROFIT_ORDER, "market"))),
            TradingCalendar.krx());
    ExitOrder order =
        market
            .evaluate(position(100), state(ExitPhase.OPEN, 10_000), price(10_500))
            .order()
            .orElseThrow();
    assertThat(order.priceType()).isEqualTo(PriceType.MKT);
    assertThat(order.limitPrice()).isEmpty();
  }

  @Test
  void take_profit_2_after_take_profit_1_sells_another_third_of_the_entry() {
    ExitDecision d = rules.evaluate(position(67), state(ExitPhase.TP1_DONE, 10_900), price(11_000));
    ExitOrder order = d.order().orElseThrow();
    assertThat(order.actionKey()).isEqualTo(ID + ":TP2");
    assertThat(order.quantity()).isEqualTo(33);
    assertThat(order.limitPrice()).hasValue(11_000);
    assertThat(d.next().phase()).isEqualTo(ExitPhase.TP2_DONE);
    // after TP1 the floor is avg × 1.003
    assertThat(d.next().stopFloor().orElseThrow()).isEqualByComparingTo("10030");
  }

  @Test
  void a_jump_past_take_profit_1_to_2_sells_both_thirds_under_tp2() {
    ExitDecision d = rules.evaluate(position(100), state(ExitPhase.OPEN, 10_000), price(11_000));
    assertThat(d.order().orElseThrow().actionKey()).isEqualTo(ID + ":TP2");
    assertThat(d.order().get().quantity()).isEqualTo(66);
    assertThat(firedCodes(d)).containsExactly("TP2", "TP1");
    assertThat(d.next().phase()).isEqualTo(ExitPhase.TP2_DONE);
  }

  @Test
  void take_profit_3_sells_all_that_is_left_at_a_limit() {
    ExitDecision d = rules.evaluate(position(34), state(ExitPhase.TP2_DONE, 11_400), price(11_500));
    ExitOrder order = d.order().orElseThrow();
    assertThat(order.actionKey()).isEqualTo(ID + ":TP3");
    assertThat(order.quantity()).isEqualTo(34);
    assertThat(order.type()).isEqualTo(IntentType.EXIT_FULL);
    assertThat(order.priceType()).isEqualTo(PriceType.LMT);
    assertThat(order.limitPrice()).hasValue(11_500);
    assertThat(d.next().phase()).isEqualTo(ExitPhase.CLOSING);
  }

  @Test
  void the_cooldown_holds_back_a_second_partial_but_not_a_full_exit() {
    ExitState cooling =
        new ExitState(
            ExitPhase.TP1_DONE,
            100,
            OptionalLong.of(10_600),
            Optional.of(new BigDecimal("10030")),
            Optional.empty(),
            Optional.of(NOW.plusSeconds(30)),
            Optional.of(NOW.minusSeconds(1)),
            0);
    ExitDecision tp2 = rules.evaluate(position(67), cooling, price(11_000));
    assertThat(tp2.order()).isEmpty();
    assertThat(tp2.notes()).anyMatch(note -> note.startsWith("TP2 held back"));
    ExitDecision be = rules.evaluate(position(67), cooling, price(10_020));
    assertThat(be.order().orElseThrow().actionKey()).isEqualTo(ID + ":BE");
  }

  @Test
  void break_even_sells_all_at_the_market_when_the_price_reaches_the_floor() {
    ExitDecision d = rules.evaluate(position(67), state(ExitPhase.TP1_DONE, 10_600), price(10_030));
    ExitOrder order = d.order().orElseThrow();
    assertThat(order.actionKey()).isEqualTo(ID + ":BE");
    assertThat(order.quantity()).isEqualTo(67);
    assertThat(order.priceType()).isEqualTo(PriceType.MKT);
    assertThat(d.notes()).contains("TRAIL not judged: no ATR");
    assertThat(d.next().phase()).isEqualTo(ExitPhase.CLOSING);
  }

  @Test
  void atr_trail_sells_all_at_hwm_minus_two_atr_and_outranks_take_profit_2() {
    // trail = 12,000 − 2 × 500 = 11,000; pnl +10 % also reaches TP2
    ExitDecision d =
        rules.evaluate(position(67), state(ExitPhase.TP1_DONE, 12_000), price(11_000, 500));
    ExitOrder order = d.order().orElseThrow();
    assertThat(order.actionKey()).isEqualTo(ID + ":TRAIL");
    assertThat(order.quantity()).isEqualTo(67);
    assertThat(order.priceType()).isEqualTo(PriceType.MKT);
    assertThat(firedCodes(d)).containsExactly("TRAIL", "TP2");
    ExitDecision above =
        rules.evaluate(position(67), state(ExitPhase.TP1_DONE, 12_000), price(11_010, 500));
    assertThat(above.order().orElseThrow().rule()).isEqualTo(ExitRule.SCALE_OUT_2);
  }

  @Test
  void atr_trail_uses_the_floor_when_it_is_higher_and_outranks_break_even() {
    // trail = 10,600 − 2 × 500 = 9,600 < floor 10,030
    ExitDecision d =
        rules.evaluate(position(67), state(ExitPhase.TP1_DONE, 10_600), price(10_030, 500));
    assertThat(d.order().orElseThrow().actionKey()).isEqualTo(ID + ":TRAIL");
    assertThat(firedCodes(d)).containsExactly("TRAIL", "BE");
  }

  @Test
  void the_trail_and_break_even_wait_for_take_profit_1() {
    ExitDecision d =
        rules.evaluate(position(100), state(ExitPhase.OPEN, 12_000), price(10_030, 500));
    assertThat(d.order()).isEmpty();
    assertThat(d.next().stopFloor()).isEmpty();
  }

  @Test
  void the_stop_floor_only_rises() {
    ExitState high =
        new ExitState(
            ExitPhase.TP1_DONE,
            100,
            OptionalLong.of(10_600),
            Optional.of(new BigDecimal("10100")),
            Optional.empty(),
            Optional.empty(),
            Optional.of(NOW.minusSeconds(1)),
            0);
    ExitDecision d = rules.evaluate(position(67), high, price(10_500));
    assertThat(d.next().stopFloor().orElseThrow()).isEqualByComparingTo("10100");
  }

  @Test
  void the_hwm_is_the_highest_price_seen() {
    ExitDecision up = rules.evaluate(position(100), state(ExitPhase.OPEN, 10_200), price(10_300));
    assertThat(up.next().hwm()).hasValue(10_300);
    assertThat(up.changed()).isTrue();
    ExitDecision down = rules.evaluate(position(100), state(ExitPhase.OPEN, 10_300), price(10_100));
    assertThat(down.next().hwm()).hasValue(10_300);
    assertThat(down.changed()).isFalse();
  }

  @Test
  void time_exit_after_ten_sessions_from_three_pm_below_plus_five_percent() {
    // entry Wed 2026-11-18; sessions 11-19 .. 12-02 are ten trading days
    ExitPosition old =
        new ExitPosition(ID, SYMBOL, 100, new BigDecimal("10000"), kst("2026-11-18T10:00:00"), 1);
    ExitMarket at1500 =
        new ExitMarket(
            10_200,
            kst("2026-12-02T15:00:00"),
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty());
    ExitDecision d = rules.evaluate(old, state(ExitPhase.OPEN, 10_200), at1500);
    assertThat(d.order().orElseThrow().actionKey()).isEqualTo(ID + ":TIME");
    assertThat(d.order().get().priceType()).isEqualTo(PriceType.MKT);
    assertThat(d.order().get().quantity()).isEqualTo(100);

    ExitMarket at1459 =
        new ExitMarket(
            10_200,
            kst("2026-12-02T14:59:59"),
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty());
    assertThat(rules.evaluate(old, state(ExitPhase.OPEN, 10_200), at1459).order()).isEmpty();
    ExitMarket nineSessions =
        new ExitMarket(
            10_200,
            kst("2026-12-01T15:00:00"),
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty());
    assertThat(rules.evaluate(old, state(ExitPhase.OPEN, 10_200), nineSessions).order()).isEmpty();
    ExitMarket atFivePercent =
        new ExitMarket(
            10_500,
            kst("2026-12-02T15:00:00"),
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty());
    assertThat(
            rules
                .evaluate(old, state(ExitPhase.OPEN, 10_500), atFivePercent)
                .order()
                .orElseThrow()
                .rule())
        .as("at +5 %% TP1 fires, not TIME")
        .isEqualTo(ExitRule.SCALE_OUT_1);
  }

  @Test
  void time_exit_outranks_hard_stop_1() {
    ExitPosition old =
        new ExitPosition(ID, SYMBOL, 100, new BigDecimal("10000"), kst("2026-11-18T10:00:00"), 1);
    ExitMarket at1500 =
        new ExitMarket(
            9_800,
            kst("2026-12-02T15:00:00"),
            Optional.empty(),
            OptionalLong.empty(),
            Optional.empty());
    ExitDecision d = rules.evaluate(old, state(ExitPhase.OPEN, 10_000), at1500);
    assertThat(firedCodes(d)).containsExactly("TIME", "SL1");
    assertThat(d.order().orElseThrow().type()).isEqualTo(IntentType.EXIT_FULL);
  }

  @Test
  void manual_outranks_everything_and_numbers_its_key() {
    ExitMarket manual =
        new ExitMarket(
            9_600,
            NOW,
            Optional.empty(),
            OptionalLong.empty(),
            Optional.of(new ExitMarket.ManualRequest(OptionalLong.of(10))));
    ExitDecision d = rules.evaluate(position(100), state(ExitPhase.OPEN, 10_000), manual);
    ExitOrder order = d.order().orElseThrow();
    assertThat(order.actionKey()).isEqualTo(ID + ":MANUAL:1");
    assertThat(order.quantity()).isEqualTo(10);
    assertThat(order.type()).isEqualTo(IntentType.EXIT_PARTIAL);
    assertThat(order.priceType()).isEqualTo(PriceType.MKT);
    assertThat(firedCodes(d)).containsExactly("MANUAL", "SL2", "SL1");
    assertThat(d.next().phase()).isEqualTo(ExitPhase.OPEN);
    assertThat(d.next().manualCount()).isEqualTo(1);

    ExitMarket all =
        new ExitMarket(
            10_000,
            NOW,
            Optional.empty(),
            OptionalLong.empty(),
            Optional.of(new ExitMarket.ManualRequest(OptionalLong.empty())));
    ExitDecision second = rules.evaluate(position(90), d.next(), all);
    assertThat(second.order().orElseThrow().actionKey()).isEqualTo(ID + ":MANUAL:2");
    assertThat(second.order().get().quantity()).isEqualTo(90);
    assertThat(second.order().get().type()).isEqualTo(IntentType.EXIT_FULL);
    assertThat(second.next().phase()).isEqualTo(ExitPhase.CLOSING);
  }

  @Test
  void a_closing_position_takes_only_manual_exits() {
    ExitDecision d = rules.evaluate(position(100), state(ExitPhase.CLOSING, 10_000), price(9_000));
    assertThat(d.order()).isEmpty();
  }

  @Test
  void an_empty_position_is_closed() {
    ExitDecision d = rules.evaluate(position(0), state(ExitPhase.CLOSING, 10_000), price(9_000));
    assertThat(d.order()).isEmpty();
    assertThat(d.next().phase()).isEqualTo(ExitPhase.CLOSED);
  }
}
