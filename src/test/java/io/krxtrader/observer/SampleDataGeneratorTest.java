package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.krx.PriceLimits;
import io.krxtrader.krx.Stock;
import io.krxtrader.krx.TickSize;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample data is deterministic and looks like what the collectors write on KRX days. */
class SampleDataGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TradingCalendar CALENDAR = TradingCalendar.krx();
  private static final int SYMBOLS = 4;

  @TempDir static Path data;

  /** A tick's fields, parsed once. */
  private record Tick(
      String symbol, Instant event, Instant received, long last, long bid, long ask) {}

  private static final List<Tick> ticks = new ArrayList<>();
  private static final List<JsonNode> swing = new ArrayList<>();
  private static final List<JsonNode> gaps = new ArrayList<>();
  private static SampleDataReport report;

  @BeforeAll
  static void generate() throws IOException {
    // seed 7 has all three kinds of gap in these two days
    report =
        Observer.generateSampleData(
            new SampleDataSpec(2, SYMBOLS, 2, data, 7, LocalDate.of(2026, 1, 2)));
    for (Path file : ObserverFixture.files(data, RecordKind.SCALP)) {
      for (String line : Files.readAllLines(file)) {
        JsonNode tick = JSON.readTree(line);
        ticks.add(
            new Tick(
                tick.get("symbol").asText(),
                time(tick, "event_time"),
                time(tick, "ts"),
                tick.get("last_price").asLong(),
                tick.get("bid_price").asLong(),
                tick.get("ask_price").asLong()));
      }
    }
    for (Path file : ObserverFixture.files(data, RecordKind.SWING)) {
      for (String line : Files.readAllLines(file)) {
        swing.add(JSON.readTree(line));
      }
    }
    for (Path file : ObserverFixture.files(data, RecordKind.GAP)) {
      for (String line : Files.readAllLines(file)) {
        gaps.add(JSON.readTree(line));
      }
    }
  }

  private static Instant time(JsonNode node, String field) {
    return Instant.parse(node.get(field).asText());
  }

  private static Map<String, byte[]> hashes(Path root) throws IOException {
    Map<String, byte[]> hashes = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        hashes.put(
            root.relativize(file).toString(),
            ContentHash.sha256().digest(Files.readAllBytes(file)));
      }
    }
    return hashes;
  }

  @Test
  void the_same_seed_writes_the_same_bytes_and_another_seed_other_ones(@TempDir Path out)
      throws IOException {
    LocalDate day = LocalDate.of(2026, 3, 10);
    Observer.generateSampleData(new SampleDataSpec(1, 2, 1, out.resolve("a"), 99, day));
    Observer.generateSampleData(new SampleDataSpec(1, 2, 1, out.resolve("b"), 99, day));
    Observer.generateSampleData(new SampleDataSpec(1, 2, 1, out.resolve("c"), 100, day));
    Map<String, byte[]> a = hashes(out.resolve("a"));
    Map<String, byte[]> b = hashes(out.resolve("b"));
    assertThat(a).isNotEmpty();
    assertThat(b.keySet()).isEqualTo(a.keySet());
    a.forEach((file, hash) -> assertThat(b.get(file)).as(file).isEqualTo(hash));
    Map<String, byte[]> c = hashes(out.resolve("c"));
    String scalp = a.keySet().stream().filter(f -> f.startsWith("scalp")).findFirst().orElseThrow();
    assertThat(c.get(scalp)).isNotEqualTo(a.get(scalp));
  }

  @Test
  void files_follow_the_collectors_layout_and_trading_days() {
    assertThat(report.firstDay()).isEqualTo(LocalDate.of(2026, 1, 2));
    assertThat(report.lastDay()).isEqualTo(LocalDate.of(2026, 1, 5));
    assertThat(data.resolve("scalp").resolve("20260102_1000.jsonl")).exists();
    assertThat(data.resolve("scalp").resolve("20260102_0950.jsonl")).doesNotExist();
    assertThat(data.resolve("scalp").resolve("20260105_0900.jsonl")).exists();
    assertThat(data.resolve("swing").resolve("20260105_0910.jsonl")).exists();
    assertThat(data.resolve("swing").resolve("20260105_1530.jsonl")).exists();
    assertThat(data.resolve("system").resolve("gap_20260105.jsonl")).exists();
    assertThat(report.ticks()).isEqualTo(ticks.size());
    assertThat(report.swingRecords()).isEqualTo(swing.size());
    assertThat(report.gaps()).isEqualTo(gaps.size());
  }

  @Test
  void ticks_are_on_the_grid_inside_the_limits_with_the_previous_close_as_base() {
    List<Stock> stocks = Universe.defaultUniverse().first(SYMBOLS).stocks();
    Map<String, Long> base = new HashMap<>();
    stocks.forEach(s -> base.put(s.symbol().code(), s.referencePrice()));
    Map<String, Long> lastOfDay = new HashMap<>();
    LocalDate current = null;
    List<String> wrong = new ArrayList<>();
    for (Tick tick : ticks) {
      LocalDate day = TradingCalendar.kstDate(tick.event());
      if (!day.equals(current)) {
        if (current != null) {
          base.putAll(lastOfDay);
        }
        current = day;
      }
      PriceLimits limits = PriceLimits.fromBase(base.get(tick.symbol()));
      for (long price : new long[] {tick.last(), tick.bid(), tick.ask()}) {
        if (!TickSize.isOnGrid(price) || !limits.contains(price)) {
          wrong.add("a price off the grid or the limits " + limits + ": " + tick);
        }
      }
      if (tick.bid() >= tick.ask()) {
        wrong.add("bid not below ask: " + tick);
      }
      lastOfDay.put(tick.symbol(), tick.last());
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void ticks_fall_in_the_session_at_most_one_per_symbol_per_500_ms_slot() {
    Set<String> slots = new HashSet<>();
    List<String> wrong = new ArrayList<>();
    for (Tick tick : ticks) {
      Instant event = tick.event();
      Instant received = tick.received();
      LocalDate day = TradingCalendar.kstDate(event);
      Instant open = CALENDAR.open(day);
      if (!CALENDAR.isTradingDay(day)
          || event.isBefore(open)
          || !event.isBefore(CALENDAR.close(day))
          || !received.isAfter(event)) {
        wrong.add("outside the session or received before it happened: " + tick);
      }
      long slot = Duration.between(open, event).toMillis() / 500;
      if (!slots.add(tick.symbol() + "@" + day + "#" + slot)) {
        wrong.add("a second tick in its slot: " + tick);
      }
    }
    assertThat(wrong).isEmpty();
    // 2026-01-02 is the year's first trading day: the market opens at 10:00
    assertThat(ticks).noneMatch(t -> t.event().isBefore(Instant.parse("2026-01-02T01:00:00Z")));
  }

  @Test
  void liquid_stocks_tick_in_almost_every_slot_and_less_liquid_ones_less() {
    Map<String, Long> perSymbol = new HashMap<>();
    ticks.forEach(t -> perSymbol.merge(t.symbol(), 1L, Long::sum));
    long slots = 46_800L + 39_600L;
    // 005930 is HIGH (something in 97 % of 500 ms slots), 207940 MEDIUM (80 %); the jitter of
    // event times inside their slots and the gaps take a little away from both
    double high = perSymbol.get("005930") / (double) slots;
    double medium = perSymbol.get("207940") / (double) slots;
    assertThat(high).isBetween(0.88, 0.98);
    assertThat(medium).isBetween(0.65, 0.82);
    assertThat(high - medium).isGreaterThan(0.08);
  }

  @Test
  void swing_snapshots_come_every_ten_minutes_of_the_session_with_day_ranges() {
    for (JsonNode record : swing) {
      Instant ts = time(record, "ts");
      LocalDate day = TradingCalendar.kstDate(ts);
      long secondsIntoSlot = ts.getEpochSecond() % 600;
      assertThat(secondsIntoSlot).as("polled just after a boundary").isLessThan(10);
      Instant boundary = Instant.ofEpochSecond(ts.getEpochSecond() - secondsIntoSlot);
      assertThat(boundary).isAfter(CALENDAR.open(day)).isBeforeOrEqualTo(CALENDAR.close(day));
      JsonNode price = record.get("price");
      long low = price.get("low").asLong();
      long high = price.get("high").asLong();
      assertThat(price.get("close").asLong()).isBetween(low, high);
      assertThat(price.get("open").asLong()).isBetween(low, high);
      assertThat(record.get("bid_price").asLong()).isLessThan(record.get("ask_price").asLong());
      assertThat(record.get("dataset").asText()).isEqualTo("track_a_swing");
    }
    // 39 polls on a normal day, 33 on the 10:00 opening day, one failed poll in these days
    assertThat(swing).hasSize((39 + 33) * SYMBOLS - 1);
  }

  @Test
  void every_gap_has_its_data_missing() {
    assertThat(gaps)
        .extracting(g -> g.get("reason").asText())
        .contains("ws_disconnect", "no_data", "rest_error");
    for (JsonNode gap : gaps) {
      Instant start = time(gap, "gap_start_ts");
      Instant end = time(gap, "gap_end_ts");
      String symbol = gap.has("symbol") ? gap.get("symbol").asText() : null;
      assertThat(gap.get("gap_seconds").asLong())
          .isEqualTo(Math.round(Duration.between(start, end).toMillis() / 1000.0));
      if (gap.get("scope").asText().equals("scalp")) {
        assertThat(ticks)
            .as("ticks inside %s", gap)
            .noneMatch(
                t ->
                    (symbol == null || symbol.equals(t.symbol()))
                        && !t.event().isBefore(start)
                        && t.event().isBefore(end));
      } else {
        assertThat(swing)
            .as("a snapshot of the failed poll %s", gap)
            .noneMatch(
                s ->
                    symbol.equals(s.get("symbol").asText())
                        && time(s, "ts").getEpochSecond() / 600 == start.getEpochSecond() / 600);
      }
    }
  }
}
