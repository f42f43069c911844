package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.krx.Symbol;
import io.krxtrader.system.Halt;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leaders;
import io.krxtrader.trade.execution.Mismatches;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How {@code status} renders leaders, the kill switch and stale symbols (no database). */
class OperatorStatusTest {

  private static final Instant NOW = Instant.parse("2026-03-02T00:30:00Z");

  private static Leaders.Leader leader(
      LeaderName name, String instance, long term, int ageSeconds) {
    return new Leaders.Leader(
        name.lockName(),
        Optional.of(name),
        instance,
        "host-" + instance,
        100 + (int) term,
        OptionalLong.of(term),
        NOW.minusSeconds(600),
        NOW.minusSeconds(ageSeconds),
        Duration.ofSeconds(ageSeconds));
  }

  private static String text(OperatorStatus status) {
    StringWriter out = new StringWriter();
    status.print(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void a_leader_without_a_heartbeat_for_more_than_15_s_is_stale_and_unled_ones_say_so() {
    Halt.HaltState running =
        new Halt.HaltState(
            false, false, OptionalLong.empty(), Optional.empty(), Optional.empty(), NOW);
    OperatorStatus status =
        new OperatorStatus(
            NOW,
            List.of(
                leader(LeaderName.EXIT, "a", 3, 2),
                leader(LeaderName.ROUTER, "b", 7, 16),
                leader(LeaderName.PORTFOLIO, "c", 1, 15)),
            running,
            0,
            0,
            List.of(),
            List.of());
    String text = text(status);
    assertThat(text)
        .contains("Leaders (at 2026-03-02T09:30:00+09:00; STALE after 15 s without a heartbeat)")
        .containsPattern("exit +a +host-a +103 +3 +2 s ago *\\n")
        .containsPattern("router +b +host-b +107 +7 +16 s ago +STALE")
        .containsPattern("portfolio +c +host-c +101 +1 +15 s ago *\\n")
        .containsPattern("reentry +- +no leader")
        .containsPattern("pricesync_scan +- +no leader")
        .contains("Kill switch\n  running (not halted)")
        .contains("Stale symbols\n  none");
    assertThat(text).doesNotContain("refused since");
  }

  @Test
  void a_halt_shows_its_scope_reason_and_refusals_and_stale_symbols_are_listed() {
    Halt.HaltState halted =
        new Halt.HaltState(
            true,
            false,
            OptionalLong.of(4),
            Optional.of("feed down"),
            Optional.of(new Halt.Operator("kim", "desk", 77)),
            NOW.minusSeconds(60));
    OperatorStatus status =
        new OperatorStatus(
            NOW,
            List.of(),
            halted,
            3,
            25,
            List.of(
                new OperatorStatus.StaleSymbol("005930", Optional.of("WS_SILENT"), NOW),
                new OperatorStatus.StaleSymbol("000660", Optional.empty(), NOW)),
            List.of(
                new Mismatches.Mismatch(
                    UUID.randomUUID(),
                    "12345678-01",
                    Symbol.of("035720"),
                    Mismatches.Kind.QTY,
                    Optional.of(10L),
                    Optional.of(new BigDecimal("41250")),
                    Optional.of(7L),
                    Optional.of(new BigDecimal("41250")),
                    NOW,
                    NOW)));
    String text = text(status);
    assertThat(text)
        .contains(
            "  HALTED: entries (exits still go out) since 2026-03-02T00:29:00Z by kim@desk (pid"
                + " 77), reason: feed down")
        .contains("refused since the halt: 3 actions")
        .containsPattern("005930 +WS_SILENT +2026-03-02T09:30:00\\+09:00")
        .containsPattern("000660 +- +")
        .contains("... and 23 more")
        .contains("new entries in these symbols are blocked until `reconcile`")
        .containsPattern(
            "035720 +12345678-01 +QTY +10 +41250 +7 +41250 +2026-03-02T09:30:00\\+09:00");
    assertThat(OperatorStatus.toJson(status.json()))
        .contains("\"halted\" : true")
        .contains("\"reason\" : \"feed down\"")
        .contains("\"refused_since_halt\" : 3")
        .contains("\"count\" : 25")
        .contains("\"broker_quantity\" : 7");
  }

  @Test
  void ages_read_as_seconds_minutes_or_hours() {
    assertThat(OperatorStatus.age(Duration.ofMillis(999))).isEqualTo("0 s");
    assertThat(OperatorStatus.age(Duration.ofSeconds(59))).isEqualTo("59 s");
    assertThat(OperatorStatus.age(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    assertThat(OperatorStatus.age(Duration.ofSeconds(3 * 3600 + 130))).isEqualTo("3 h 2 min");
  }
}
