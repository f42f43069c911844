package io.krxtrader.observer.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.observer.jsonl.CollectorFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GapDetectorTest {

  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final Symbol HYNIX = Symbol.of("000660");

  @TempDir Path root;
  private CollectorFiles files;
  private GapDetector gaps;

  @BeforeEach
  void open() {
    files = new CollectorFiles(root);
    gaps =
        new GapDetector(
            files, TradingCalendar.krx(), Duration.ofSeconds(60), List.of(SAMSUNG, HYNIX));
  }

  @AfterEach
  void close() {
    files.close();
  }

  private static Instant kst(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(TradingCalendar.KST).toInstant();
  }

  private List<JsonNode> ledger() {
    return CollectedLines.read(root, "system");
  }

  @Test
  void an_outage_with_several_reconnect_attempts_is_one_gap_from_first_drop_to_resubscribed() {
    gaps.disconnected(kst("2026-01-22T10:30:00"));
    gaps.disconnected(kst("2026-01-22T10:30:02")); // a failed reconnect attempt
    gaps.disconnected(kst("2026-01-22T10:30:06"));
    gaps.resubscribed(kst("2026-01-22T10:30:45"));
    assertThat(ledger()).hasSize(1);
    JsonNode gap = ledger().get(0);
    assertThat(gap.get("gap_start_ts").asText()).isEqualTo("2026-01-22T01:30:00.000Z");
    assertThat(gap.get("gap_end_ts").asText()).isEqualTo("2026-01-22T01:30:45.000Z");
    assertThat(gap.get("gap_seconds").asLong()).isEqualTo(45);
    assertThat(gap.get("scope").asText()).isEqualTo("scalp");
    assertThat(gap.get("reason").asText()).isEqualTo("ws_disconnect");
    assertThat(gap.has("symbol")).isFalse();
  }

  @Test
  void a_symbol_silent_past_the_threshold_is_a_gap_from_its_last_event_until_heard_again() {
    gaps.heard(SAMSUNG, kst("2026-01-22T10:00:00"));
    gaps.heard(HYNIX, kst("2026-01-22T10:00:00"));
    gaps.sweep(kst("2026-01-22T10:00:59"));
    gaps.heard(HYNIX, kst("2026-01-22T10:00:59"));
    gaps.sweep(kst("2026-01-22T10:01:01")); // SAMSUNG silent for 61 s now
    assertThat(ledger()).isEmpty(); // recorded when the silence ends
    gaps.heard(SAMSUNG, kst("2026-01-22T10:03:30"));
    assertThat(ledger()).hasSize(1);
    JsonNode gap = ledger().get(0);
    assertThat(gap.get("reason").asText()).isEqualTo("no_data");
    assertThat(gap.get("symbol").asText()).isEqualTo("005930");
    assertThat(gap.get("gap_seconds").asLong()).isEqualTo(210);
  }

  @Test
  void a_short_silence_is_not_a_gap() {
    gaps.heard(SAMSUNG, kst("2026-01-22T10:00:00"));
    gaps.heard(HYNIX, kst("2026-01-22T10:00:30"));
    gaps.sweep(kst("2026-01-22T10:00:59"));
    gaps.heard(SAMSUNG, kst("2026-01-22T10:00:59"));
    gaps.heard(HYNIX, kst("2026-01-22T10:00:59"));
    assertThat(ledger()).isEmpty();
  }

  @Test
  void silence_outside_continuous_trading_is_not_a_gap_and_open_silences_end_at_the_auction() {
    gaps.sweep(kst("2026-01-22T08:45:00")); // pre-open: nothing trades yet
    gaps.sweep(kst("2026-01-24T11:00:00")); // Saturday
    assertThat(ledger()).isEmpty();
    gaps.heard(SAMSUNG, kst("2026-01-22T15:10:00"));
    gaps.heard(HYNIX, kst("2026-01-22T15:19:30"));
    gaps.sweep(kst("2026-01-22T15:12:00")); // SAMSUNG silent 120 s
    gaps.sweep(kst("2026-01-22T15:25:00")); // the closing auction ends continuous trading
    assertThat(ledger()).hasSize(1);
    JsonNode gap = ledger().get(0);
    assertThat(gap.get("symbol").asText()).isEqualTo("005930");
    assertThat(gap.get("gap_end_ts").asText()).isEqualTo("2026-01-22T06:20:00.000Z");
  }

  @Test
  void an_outage_ends_open_silences_so_the_outage_covers_the_rest() {
    gaps.heard(SAMSUNG, kst("2026-01-22T10:00:00"));
    gaps.heard(HYNIX, kst("2026-01-22T10:01:30"));
    gaps.sweep(kst("2026-01-22T10:01:30"));
    gaps.disconnected(kst("2026-01-22T10:02:00"));
    gaps.resubscribed(kst("2026-01-22T10:02:20"));
    assertThat(ledger())
        .extracting(g -> g.get("reason").asText() + " " + g.get("gap_seconds").asLong())
        .containsExactly("no_data 120", "ws_disconnect 20");
  }

  @Test
  void a_failed_poll_is_a_swing_gap_for_the_symbol_over_the_polls_ten_minutes() {
    gaps.pollFailed(
        SAMSUNG, kst("2026-01-22T13:00:00"), Duration.ofMinutes(10), kst("2026-01-22T13:00:01"));
    JsonNode gap = ledger().get(0);
    assertThat(gap.get("scope").asText()).isEqualTo("swing");
    assertThat(gap.get("reason").asText()).isEqualTo("rest_error");
    assertThat(gap.get("gap_seconds").asLong()).isEqualTo(600);
    assertThat(gap.get("session_id").asText()).isEqualTo("track_a_20260122");
  }
}
