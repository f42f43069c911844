package io.krxtrader.observer.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.krxtrader.krx.Symbol;
import io.krxtrader.observer.jsonl.CollectorFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackBTest {

  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final Instant T0 = Instant.parse("2026-01-22T00:31:05.000Z"); // 09:31:05 KST

  @TempDir Path root;
  private CollectorFiles files;
  private TrackB trackB;

  @BeforeEach
  void open() {
    files = new CollectorFiles(root);
    trackB = new TrackB(files);
  }

  @AfterEach
  void close() {
    files.close();
  }

  private static LiveTrade trade(int millis, long price, long volume) {
    Instant at = T0.plusMillis(millis);
    return new LiveTrade(SAMSUNG, at.minusMillis(3), at, price, volume, price - 100, price, 10, 20);
  }

  private static LiveQuote quote(int millis, long bid, long ask) {
    return new LiveQuote(SAMSUNG, T0.plusMillis(millis), bid, ask, 5, 7);
  }

  private List<JsonNode> written() {
    trackB.sweep(T0.plusSeconds(60));
    return CollectedLines.read(root, "scalp");
  }

  @Test
  void several_trades_in_one_slot_become_one_record_with_their_volume_summed() {
    trackB.trade(trade(10, 71_400, 5));
    trackB.trade(trade(200, 71_500, 7));
    trackB.trade(trade(499, 71_600, 1));
    List<JsonNode> lines = written();
    assertThat(lines).hasSize(1);
    JsonNode line = lines.get(0);
    assertThat(line.get("last_price").asLong()).isEqualTo(71_600);
    assertThat(line.get("volume").asLong()).isEqualTo(13);
    assertThat(line.get("ts").asText()).isEqualTo("2026-01-22T00:31:05.499Z");
    assertThat(line.get("event_time").asText()).isEqualTo("2026-01-22T00:31:05.496Z");
    assertThat(line.get("bid_price").asLong()).isEqualTo(71_500);
    assertThat(line.get("ask_price").asLong()).isEqualTo(71_600);
    assertThat(line.get("session_id").asText()).isEqualTo("track_b_20260122");
  }

  @Test
  void a_new_slot_writes_the_previous_one_and_a_sweep_writes_the_last() {
    trackB.trade(trade(100, 71_400, 1));
    trackB.trade(trade(600, 71_500, 2));
    assertThat(CollectedLines.read(root, "scalp")).hasSize(1);
    trackB.sweep(T0.plusMillis(900)); // slot 500-999 is not over yet
    assertThat(CollectedLines.read(root, "scalp")).hasSize(1);
    trackB.sweep(T0.plusMillis(1000));
    assertThat(CollectedLines.read(root, "scalp"))
        .extracting(l -> l.get("last_price").asLong())
        .containsExactly(71_400L, 71_500L);
  }

  @Test
  void a_slot_with_only_a_quote_repeats_the_last_price_with_no_volume_at_the_quotes_time() {
    trackB.trade(trade(100, 71_400, 3));
    trackB.quote(quote(700, 71_300, 71_400));
    List<JsonNode> lines = written();
    assertThat(lines).hasSize(2);
    JsonNode quoted = lines.get(1);
    assertThat(quoted.get("last_price").asLong()).isEqualTo(71_400);
    assertThat(quoted.get("volume").asLong()).isZero();
    assertThat(quoted.get("event_time").asText()).isEqualTo("2026-01-22T00:31:05.700Z");
    assertThat(quoted.get("bid_price").asLong()).isEqualTo(71_300);
  }

  @Test
  void nothing_is_written_before_the_first_trade() {
    trackB.quote(quote(100, 71_300, 71_400));
    trackB.quote(quote(800, 71_300, 71_400));
    assertThat(written()).isEmpty();
  }

  @Test
  void a_crossed_book_is_not_kept_as_the_quote() {
    trackB.trade(trade(100, 71_400, 1));
    trackB.quote(quote(200, 71_500, 71_400)); // bid above ask: an auction's book
    JsonNode line = written().get(0);
    assertThat(line.get("bid_price").asLong()).isEqualTo(71_300);
    assertThat(line.get("ask_price").asLong()).isEqualTo(71_400);
  }

  @Test
  void each_symbol_has_its_own_slots() {
    trackB.trade(trade(100, 71_400, 1));
    Instant at = T0.plusMillis(150);
    trackB.trade(new LiveTrade(Symbol.of("000660"), at, at, 195_000, 4, 194_500, 195_000, 1, 1));
    assertThat(written())
        .extracting(l -> l.get("symbol").asText())
        .containsExactlyInAnyOrder("005930", "000660");
  }

  @Test
  void records_after_midnight_kst_carry_the_next_days_session_and_file() {
    Instant beforeMidnight = Instant.parse("2026-01-22T14:59:59.900Z"); // 23:59:59.9 KST
    Instant afterMidnight = Instant.parse("2026-01-22T15:00:00.100Z");
    trackB.trade(new LiveTrade(SAMSUNG, beforeMidnight, beforeMidnight, 71_400, 1, 0, 0, 0, 0));
    trackB.trade(new LiveTrade(SAMSUNG, afterMidnight, afterMidnight, 71_500, 1, 0, 0, 0, 0));
    trackB.sweep(afterMidnight.plusSeconds(1));
    assertThat(CollectedLines.read(root, "scalp"))
        .extracting(l -> l.get("session_id").asText())
        .containsExactly("track_b_20260122", "track_b_20260123");
    assertThat(root.resolve("scalp/20260122_2350.jsonl")).exists();
    assertThat(root.resolve("scalp/20260123_0000.jsonl")).exists();
  }
}
