package io.krxtrader.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlanStateTest {

  /** The transition table, written out independently as strings. */
  private static Optional<String> model(String state, String event) {
    return switch (state + " " + event) {
      case "pending approve" -> Optional.of("executing");
      case "pending cancel", "executing cancel" -> Optional.of("cancelled");
      case "executing final" -> Optional.of("done");
      case "executing failed" -> Optional.of("error");
      default -> Optional.empty();
    };
  }

  private static PlanState.Event event(String name) {
    return switch (name) {
      case "approve" -> new PlanState.Approve();
      case "cancel" -> new PlanState.Cancel();
      case "final" -> new PlanState.AllOrdersFinal();
      case "failed" -> new PlanState.OrderFailed("order rejected: SELL 10 035720");
      default -> throw new IllegalArgumentException(name);
    };
  }

  @Test
  void random_event_sequences_follow_the_transition_table() {
    long seed = System.nanoTime();
    System.out.println("PlanStateTest seed=" + seed);
    Random random = new Random(seed);
    List<String> events = List.of("approve", "cancel", "final", "failed");
    for (int run = 0; run < 2_000; run++) {
      PlanState state = new PlanState.Pending();
      String expected = "pending";
      for (int step = 0; step < 6; step++) {
        String name = events.get(random.nextInt(events.size()));
        Optional<PlanState> next = state.on(event(name));
        Optional<String> modelNext = model(expected, name);
        assertThat(next.map(PlanState::code))
            .as("seed=%d %s on %s", seed, expected, name)
            .isEqualTo(modelNext);
        if (next.isPresent()) {
          state = next.get();
          expected = modelNext.get();
        }
        assertThat(state.isFinal())
            .isEqualTo(List.of("done", "cancelled", "error").contains(expected));
      }
    }
  }

  @Test
  void an_error_keeps_its_reason_and_round_trips_through_its_code() {
    PlanState error =
        new PlanState.Executing().on(new PlanState.OrderFailed("broker said no")).orElseThrow();

    assertThat(error).isEqualTo(new PlanState.Error("broker said no"));
    assertThat(PlanState.of(error.code(), "broker said no")).isEqualTo(error);
  }
}
