package io.krxtrader.trade.reentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The candidate state machine against its table written out as data; prints its seed. */
class ReentryPhaseModelTest {

  static final List<ReentryPhase> PHASES =
      List.of(
          ReentryPhase.COOLDOWN,
          ReentryPhase.WATCHING,
          ReentryPhase.ENTERED,
          ReentryPhase.EXHAUSTED,
          ReentryPhase.EXPIRED,
          ReentryPhase.DONE);

  static final Map<String, String> TABLE =
      Map.ofEntries(
          Map.entry("COOLDOWN/over", "WATCHING"),
          Map.entry("WATCHING/bought", "ENTERED"),
          Map.entry("WATCHING/bought-last", "EXHAUSTED"),
          Map.entry("ENTERED/exited-qualifying", "COOLDOWN"),
          Map.entry("ENTERED/exited-other", "DONE"),
          Map.entry("COOLDOWN/session-ended", "EXPIRED"),
          Map.entry("WATCHING/session-ended", "EXPIRED"),
          Map.entry("EXHAUSTED/exited-qualifying", "EXHAUSTED"),
          Map.entry("EXHAUSTED/exited-other", "EXHAUSTED"));

  static String name(ReentryPhase.Event event) {
    return switch (event) {
      case ReentryPhase.CooldownOver over -> "over";
      case ReentryPhase.Bought bought -> bought.last() ? "bought-last" : "bought";
      case ReentryPhase.Exited exited -> exited.qualifying() ? "exited-qualifying" : "exited-other";
      case ReentryPhase.SessionEnded ended -> "session-ended";
    };
  }

  @Test
  void the_candidate_machine_matches_the_reference_table() {
    long seed = Long.getLong("reentry.seed", System.nanoTime());
    System.out.println(
        "the_candidate_machine_matches_the_reference_table seed="
            + seed
            + " (replay with -Dreentry.seed="
            + seed
            + ")");
    Random random = new Random(seed);
    List<ReentryPhase.Event> events =
        List.of(
            new ReentryPhase.CooldownOver(),
            new ReentryPhase.Bought(false),
            new ReentryPhase.Bought(true),
            new ReentryPhase.Exited(true),
            new ReentryPhase.Exited(false),
            new ReentryPhase.SessionEnded());
    ReentryPhase phase = ReentryPhase.COOLDOWN;
    for (int step = 0; step < 20_000; step++) {
      ReentryPhase.Event event = events.get(random.nextInt(events.size()));
      String expected = TABLE.get(phase.code() + "/" + name(event));
      if (expected == null) {
        ReentryPhase from = phase;
        assertThatThrownBy(() -> from.on(event))
            .as("seed=%d %s on %s", seed, from.code(), event)
            .isInstanceOf(IllegalStateException.class);
        phase = PHASES.get(random.nextInt(PHASES.size()));
      } else {
        phase = phase.on(event);
        assertThat(phase.code()).as("seed=%d after %s", seed, event).isEqualTo(expected);
        assertThat(phase.isFinal())
            .isEqualTo(List.of("EXHAUSTED", "EXPIRED", "DONE").contains(phase.code()));
      }
      assertThat(ReentryPhase.parse(phase.code())).isEqualTo(phase);
    }
  }
}
