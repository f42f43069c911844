package io.krxtrader.trade.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The exit state machine against a tiny reference model (the class comment's table written out as
 * data), and the rules over seeded random price paths. Each test prints its seed; set {@code
 * -Dexit.seed=N} to replay one.
 */
class ExitPhaseModelTest {

  static final List<ExitPhase> PHASES =
      List.of(
          ExitPhase.OPEN,
          ExitPhase.SL1_DONE,
          ExitPhase.TP1_DONE,
          ExitPhase.TP2_DONE,
          ExitPhase.CLOSING,
          ExitPhase.CLOSED);

  /** The reference: partial sells allowed per phase; every other partial is refused. */
  static final Map<String, String> PARTIAL =
      Map.ofEntries(
          Map.entry("OPEN/SL1", "SL1_DONE"),
          Map.entry("OPEN/TP1", "TP1_DONE"),
          Map.entry("OPEN/TP2", "TP2_DONE"),
          Map.entry("TP1_DONE/TP2", "TP2_DONE"),
          Map.entry("OPEN/MANUAL", "OPEN"),
          Map.entry("SL1_DONE/MANUAL", "SL1_DONE"),
          Map.entry("TP1_DONE/MANUAL", "TP1_DONE"),
          Map.entry("TP2_DONE/MANUAL", "TP2_DONE"));

  static long seed(String name) {
    long seed = Long.getLong("exit.seed", System.nanoTime());
    System.out.println(name + " seed=" + seed + " (replay with -Dexit.seed=" + seed + ")");
    return seed;
  }

  /** What the model says; null means refused. */
  static String model(String phase, ExitPhase.Event event) {
    if (event instanceof ExitPhase.PositionClosed) {
      return "CLOSED";
    }
    ExitPhase.Sold sold = (ExitPhase.Sold) event;
    if (phase.equals("CLOSED")) {
      return null;
    }
    if (sold.full()) {
      return "CLOSING";
    }
    return PARTIAL.get(phase + "/" + sold.rule().code());
  }

  @Test
  void the_phase_machine_matches_the_reference_table() {
    Random random = new Random(seed("the_phase_machine_matches_the_reference_table"));
    ExitRule[] rules = ExitRule.values();
    for (int run = 0; run < 2_000; run++) {
      ExitPhase phase = ExitPhase.OPEN;
      for (int step = 0; step < 8; step++) {
        ExitPhase.Event event =
            random.nextInt(10) == 0
                ? new ExitPhase.PositionClosed()
                : new ExitPhase.Sold(rules[random.nextInt(rules.length)], random.nextBoolean());
        String expected = model(phase.code(), event);
        if (expected == null) {
          ExitPhase from = phase;
          assertThatThrownBy(() -> from.on(event))
              .as("%s on %s", from.code(), event)
              .isInstanceOf(IllegalStateException.class);
          phase = PHASES.get(random.nextInt(PHASES.size()));
        } else {
          phase = phase.on(event);
          assertThat(phase.code()).as("after %s", event).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void every_phase_parses_back_from_its_code() {
    for (ExitPhase phase : PHASES) {
      assertThat(ExitPhase.parse(phase.code())).isEqualTo(phase);
    }
  }

  @Test
  void random_price_paths_keep_the_invariants() {
    long seed = seed("random_price_paths_keep_the_invariants");
    Random random = new Random(seed);
    ExitRules rules = new ExitRules(ExitConfig.defaults(), TradingCalendar.krx());
    Instant start =
        LocalDateTime.parse("2026-11-02T09:00:00").atZone(TradingCalendar.KST).toInstant();
    for (int run = 0; run < 300; run++) {
      UUID id = new UUID(seed, run);
      long entryQuantity = 1 + random.nextInt(300);
      BigDecimal avg = BigDecimal.valueOf(5_000 + random.nextInt(100_000));
      ExitPosition position =
          new ExitPosition(id, Symbol.of("005930"), entryQuantity, avg, start, 1);
      ExitState state = ExitState.initial(entryQuantity);
      Optional<BigDecimal> atr =
          random.nextBoolean()
              ? Optional.of(avg.multiply(new BigDecimal("0.0" + (1 + random.nextInt(5)))))
              : Optional.empty();
      long price = avg.longValue();
      Instant ts = start;
      long sold = 0;
      Set<String> keys = new HashSet<>();
      for (int step = 0; step < 400 && position.quantity() > 0; step++) {
        ts = ts.plusSeconds(1 + random.nextInt(600));
        price = Math.max(100, price + (long) (random.nextGaussian() * avg.longValue() * 0.01));
        Optional<ExitMarket.ManualRequest> manual =
            random.nextInt(200) == 0
                ? Optional.of(new ExitMarket.ManualRequest(OptionalLong.of(1 + random.nextInt(20))))
                : Optional.empty();
        ExitMarket market =
            new ExitMarket(price, ts, atr, OptionalLong.of(avg.longValue()), manual);
        ExitDecision decision = rules.evaluate(position, state, market);
        String where = "seed=" + seed + " run=" + run + " step=" + step;
        if (state.stopFloor().isPresent()) {
          assertThat(decision.next().stopFloor().orElseThrow())
              .as("floor never falls, %s", where)
              .isGreaterThanOrEqualTo(state.stopFloor().get());
        }
        assertThat(decision.next().hwm().getAsLong())
            .as("hwm never falls, %s", where)
            .isGreaterThanOrEqualTo(state.hwm().orElse(0));
        if (decision.order().isPresent()) {
          ExitOrder order = decision.order().get();
          assertThat(keys.add(order.actionKey()))
              .as("key once: %s %s", order.actionKey(), where)
              .isTrue();
          assertThat(order.quantity()).isPositive().isLessThanOrEqualTo(position.quantity());
          assertThat(decision.fired().get(0).rule()).isEqualTo(order.rule());
          assertThat(
                  model(
                      state.phase().code(),
                      new ExitPhase.Sold(order.rule(), order.quantity() == position.quantity())))
              .as("phase per the model, %s", where)
              .isEqualTo(decision.next().phase().code());
          sold += order.quantity();
          // taken as filled at once, as exit simulate does
          position =
              new ExitPosition(
                  id,
                  position.symbol(),
                  position.quantity() - order.quantity(),
                  avg,
                  start,
                  position.version() + 1);
        } else {
          assertThat(decision.next().phase())
              .as("no order, no phase change, %s", where)
              .isEqualTo(state.phase());
        }
        assertThat(sold)
            .as("never sells more than the position, %s", where)
            .isLessThanOrEqualTo(entryQuantity);
        state = decision.next();
      }
    }
  }
}
