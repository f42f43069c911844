package io.krxtrader.trade.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.trade.IntentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link IntentState} against a reference model written from its class comment's table alone, over
 * seeded random event sequences (the seed is printed; rerun one with -Dintent.seed=N). Also the
 * promises: at most {@link IntentState#MAX_SENDS} sends, and a resend only after two empty looks at
 * least {@link IntentState#CHECK_GAP} apart, the second later than the send's start plus the
 * broker's longest call and {@link IntentState#IN_FLIGHT_MARGIN}.
 */
class IntentStateModelTest {

  /** The table, as plain fields. */
  private static final class Model {
    IntentStatus status = IntentStatus.NEW;
    int sends;
    int checks;
    Instant last;
    Instant submitted;
    long filled;

    /** Returns false when the table refuses the event. */
    boolean apply(IntentState.Event event) {
      switch (status) {
        case NEW -> {
          if (event instanceof IntentState.Deny) {
            status = IntentStatus.DENIED;
            return true;
          }
          if (event instanceof IntentState.Claim c) {
            status = IntentStatus.SUBMITTING;
            sends = 1;
            submitted = c.at();
            return true;
          }
          return false;
        }
        case SUBMITTING -> {
          if (event instanceof IntentState.Accepted) {
            status = IntentStatus.SUBMITTED;
          } else if (event instanceof IntentState.Refused) {
            status = IntentStatus.REJECTED;
          } else if (event instanceof IntentState.Ambiguous) {
            status = IntentStatus.UNKNOWN;
            checks = 0;
            last = null;
          } else {
            return false;
          }
          return true;
        }
        case UNKNOWN -> {
          if (event instanceof IntentState.Found) {
            status = IntentStatus.SUBMITTED;
          } else if (event instanceof IntentState.Contested) {
            status = IntentStatus.HELD;
          } else if (event instanceof IntentState.Empty e) {
            if (checks == 0) {
              checks = 1;
              last = e.at();
            } else if (checks == 1
                && Duration.between(last, e.at()).getSeconds() >= 5
                && !e.at().isBefore(submitted.plus(e.longestCall()).plusSeconds(5))) {
              if (sends >= 2) {
                status = IntentStatus.HELD;
              } else {
                checks = 2;
                last = e.at();
              }
            }
          } else if (event instanceof IntentState.Deny && checks == 2) {
            status = IntentStatus.DENIED;
          } else if (event instanceof IntentState.Claim c && checks == 2) {
            status = IntentStatus.SUBMITTING;
            sends++;
            submitted = c.at();
          } else {
            return false;
          }
          return true;
        }
        case SUBMITTED, PARTIALLY_FILLED -> {
          if (event instanceof IntentState.Fill f) {
            if (f.cumulative() >= f.quantity()) {
              status = IntentStatus.FILLED;
            } else if (status == IntentStatus.SUBMITTED && f.cumulative() > 0
                || f.cumulative() > filled) {
              status = IntentStatus.PARTIALLY_FILLED;
              filled = f.cumulative();
            } else if (status == IntentStatus.SUBMITTED) {
              return false;
            }
            return true;
          }
          if (event instanceof IntentState.Closed) {
            status = IntentStatus.CANCELLED;
            return true;
          }
          return false;
        }
        default -> {
          return false;
        }
      }
    }
  }

  @Test
  void the_state_machine_follows_its_table_under_random_events() {
    long seed = Long.getLong("intent.seed", System.nanoTime());
    System.out.println("IntentStateModelTest seed=" + seed);
    Random random = new Random(seed);
    Instant start = Instant.parse("2026-11-23T00:00:30Z");
    int resends = 0;
    for (int run = 0; run < 2_000; run++) {
      // one broker per walk: its longest call is fixed (0 s, 10 s or 30 s)
      Duration longestCall = Duration.ofSeconds(new int[] {0, 10, 30}[random.nextInt(3)]);
      IntentState state = new IntentState.New();
      Instant lastSubmit = null;
      Model model = new Model();
      Instant now = start;
      int emptyLooksSinceSend = 0;
      Instant firstLook = null;
      for (int step = 0; step < 30; step++) {
        now = now.plusMillis(random.nextInt(4_000));
        IntentState.Event event =
            switch (random.nextInt(10)) {
              case 8 -> new IntentState.Fill(random.nextInt(6), 5);
              case 9 -> new IntentState.Closed();
              case 0 -> new IntentState.Claim(now);
              case 1 -> new IntentState.Deny("no");
              case 2 -> new IntentState.Accepted("1000" + step);
              case 3 -> new IntentState.Refused("40070000", "no");
              case 4 -> new IntentState.Ambiguous("timeout");
              case 5 -> new IntentState.Found("2000" + step);
              case 6 -> new IntentState.Contested("two");
              default -> new IntentState.Empty(now, longestCall);
            };
        IntentState before = state;
        Optional<IntentState> next = state.on(event);
        boolean accepted = model.apply(event);
        String where = "seed=" + seed + " run=" + run + " step=" + step + " event=" + event;
        assertThat(next.isPresent()).as(where).isEqualTo(accepted);
        state = next.orElse(state);
        assertThat(state.status()).as(where).isEqualTo(model.status);
        if (before instanceof IntentState.Unknown u && event instanceof IntentState.Empty e) {
          if (u.emptyChecks() == 0) {
            firstLook = e.at();
          }
          emptyLooksSinceSend = ((state instanceof IntentState.Unknown v) ? v.emptyChecks() : 0);
        }
        if (state instanceof IntentState.Submitting s) {
          assertThat(s.sends()).as(where).isEqualTo(model.sends).isLessThanOrEqualTo(2);
          if (before instanceof IntentState.Unknown u) {
            resends++;
            // no send still in flight could land: the first began longer ago than the longest call
            assertThat(Duration.between(u.submittedAt(), now))
                .as(where)
                .isGreaterThanOrEqualTo(longestCall.plus(IntentState.IN_FLIGHT_MARGIN));
            assertThat(u.submittedAt()).as(where).isEqualTo(lastSubmit);
            assertThat(emptyLooksSinceSend).as(where).isEqualTo(2);
            assertThat(Duration.between(firstLook, now))
                .as(where)
                .isGreaterThanOrEqualTo(IntentState.CHECK_GAP);
          }
        }
        if (state instanceof IntentState.Unknown v) {
          assertThat(v.emptyChecks()).as(where).isEqualTo(model.checks);
        }
        if (state instanceof IntentState.Submitting s
            && !(before instanceof IntentState.Submitting)) {
          lastSubmit = s.submittedAt();
        }
      }
    }
    assertThat(resends).as("the random walk reached the resend path").isPositive();
  }
}
