package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.db.Database;
import io.krxtrader.testkit.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** 1-minute bars equal a brute-force recomputation in Java, late ticks included. */
@ExtendWith(PostgresExtension.class)
class MinuteBarsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;
  @TempDir Path home;

  @AfterEach
  void clean(Database db) {
    ObserverFixture.truncateObserverTables(db);
  }

  private record Tick(String symbol, Instant eventTime, BigDecimal last, long volume) {}

  /** A bar as both sides compute it; prices compared by value, not scale. */
  private record Bar(
      String symbol,
      Instant minute,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      long volume,
      int ticks,
      double coverage,
      String flag,
      String grade) {}

  private static List<Tick> ticksOf(Path root) {
    List<Tick> ticks = new ArrayList<>();
    for (Path file : ObserverFixture.files(root, RecordKind.SCALP)) {
      try {
        for (String line : Files.readAllLines(file)) {
          JsonNode node = JSON.readTree(line);
          ticks.add(
              new Tick(
                  node.get("symbol").asText(),
                  Instant.parse(node.get("event_time").asText()),
                  node.get("last_price").decimalValue(),
                  node.get("volume").asLong()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return ticks;
  }

  /** The spec's definition, computed the slow and obvious way. */
  private static List<Bar> bruteForce(List<Tick> ticks) {
    Map<String, List<Tick>> byMinute = new TreeMap<>();
    for (Tick tick : ticks) {
      long minute = Math.floorDiv(tick.eventTime().getEpochSecond(), 60) * 60;
      byMinute.computeIfAbsent(tick.symbol() + "@" + minute, k -> new ArrayList<>()).add(tick);
    }
    List<Bar> bars = new ArrayList<>();
    for (Map.Entry<String, List<Tick>> entry : byMinute.entrySet()) {
      List<Tick> minuteTicks = new ArrayList<>(entry.getValue());
      minuteTicks.sort(Comparator.comparing(Tick::eventTime));
      double coverage = Math.min(1.0, minuteTicks.size() / 120.0);
      bars.add(
          new Bar(
              minuteTicks.get(0).symbol(),
              Instant.ofEpochSecond(Long.parseLong(entry.getKey().split("@")[1])),
              minuteTicks.get(0).last(),
              minuteTicks.stream().map(Tick::last).max(Comparator.naturalOrder()).orElseThrow(),
              minuteTicks.stream().map(Tick::last).min(Comparator.naturalOrder()).orElseThrow(),
              minuteTicks.get(minuteTicks.size() - 1).last(),
              minuteTicks.stream().mapToLong(Tick::volume).sum(),
              minuteTicks.size(),
              coverage,
              coverage >= 0.7 ? "normal" : coverage >= 0.5 ? "degraded" : "gap",
              coverage >= 0.9 ? "A" : coverage >= 0.75 ? "B" : coverage >= 0.5 ? "C" : "D"));
    }
    bars.sort(Comparator.comparing(Bar::symbol).thenComparing(Bar::minute));
    return bars;
  }

  private static List<Bar> fromDatabase(Database db) {
    return Jdbi.create(db.admin())
        .withHandle(
            h ->
                h.createQuery("SELECT * FROM observer.scalp_1m_bars ORDER BY symbol, bar_time")
                    .map(
                        (rs, ctx) ->
                            new Bar(
                                rs.getString("symbol"),
                                rs.getObject("bar_time", java.time.OffsetDateTime.class)
                                    .toInstant(),
                                rs.getBigDecimal("open").stripTrailingZeros(),
                                rs.getBigDecimal("high").stripTrailingZeros(),
                                rs.getBigDecimal("low").stripTrailingZeros(),
                                rs.getBigDecimal("close").stripTrailingZeros(),
                                rs.getLong("volume"),
                                rs.getInt("tick_count"),
                                rs.getDouble("coverage_ratio"),
                                rs.getString("quality_flag"),
                                rs.getString("coverage_grade")))
                    .list());
  }

  private static List<Bar> normalized(List<Bar> bars) {
    return bars.stream()
        .map(
            b ->
                new Bar(
                    b.symbol(),
                    b.minute(),
                    b.open().stripTrailingZeros(),
                    b.high().stripTrailingZeros(),
                    b.low().stripTrailingZeros(),
                    b.close().stripTrailingZeros(),
                    b.volume(),
                    b.ticks(),
                    b.coverage(),
                    b.flag(),
                    b.grade()))
        .toList();
  }

  /** Forty minutes of three symbols: four scalp files of a generated day. */
  private void fortyMinutes() throws IOException {
    Path day = data.resolve("day");
    ObserverFixture.generate(day, 1, 3, 21);
    Files.createDirectories(data.resolve("scalp"));
    for (String name : List.of("0950", "1000", "1010", "1020")) {
      Path file = day.resolve("scalp").resolve("20260105_" + name + ".jsonl");
      Files.move(file, data.resolve("scalp").resolve(file.getFileName()));
    }
    try (var files = Files.walk(day)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void bars_equal_a_brute_force_recomputation_including_late_ticks(Database db) throws IOException {
    fortyMinutes();
    Observer observer = ObserverFixture.observer(db, home, 5_000, LoadHooks.NONE);
    LoadSummary first = observer.backfill(data, new LoadOptions(2, true), LoadListener.NONE);
    assertThat(first.failures()).isEmpty();
    List<Bar> expected = normalized(bruteForce(ticksOf(data)));
    assertThat(expected).hasSizeGreaterThan(100);
    assertSameBars(fromDatabase(db), expected);
    assertThat(expected).extracting(Bar::grade).contains("A", "B");

    // Late ticks: a collector appends ticks of minutes whose bars exist, one of them a new high
    // and one a new first tick of its minute; another file brings a minute nobody had.
    Path file = data.resolve("scalp").resolve("20260105_1000.jsonl");
    List<String> lines = Files.readAllLines(file);
    JsonNode sample = JSON.readTree(lines.get(lines.size() / 2));
    String symbol = sample.get("symbol").asText();
    Instant event = Instant.parse(sample.get("event_time").asText());
    long minute = Math.floorDiv(event.getEpochSecond(), 60) * 60;
    List<String> late = new ArrayList<>();
    late.add(lateTick(symbol, Instant.ofEpochSecond(minute).plusNanos(1_000), "999000", 7));
    late.add(lateTick(symbol, Instant.ofEpochSecond(minute + 59).plusMillis(999), "1", 3));
    Files.write(file, late, StandardOpenOption.APPEND);
    Path lateFile = data.resolve("scalp").resolve("20260105_1600.jsonl");
    Files.write(
        lateFile, List.of(lateTick(symbol, Instant.parse("2026-01-05T06:45:10.250Z"), "70000", 5)));

    LoadSummary second = observer.backfill(data, new LoadOptions(2, true), LoadListener.NONE);
    assertThat(second.linesLoaded()).isEqualTo(3);
    List<Bar> afterLate = normalized(bruteForce(ticksOf(data)));
    assertSameBars(fromDatabase(db), afterLate);
    Bar corrected =
        afterLate.stream()
            .filter(b -> b.symbol().equals(symbol) && b.minute().getEpochSecond() == minute)
            .findFirst()
            .orElseThrow();
    assertThat(corrected.open()).isEqualTo(new BigDecimal("999000").stripTrailingZeros());
    assertThat(corrected.high()).isEqualTo(new BigDecimal("999000").stripTrailingZeros());
    assertThat(corrected.low()).isEqualTo(BigDecimal.ONE);
  }

  @Test
  void aggregate_rebuilds_bars_of_ticks_loaded_without_them_and_repairs_a_range(Database db)
      throws IOException {
    fortyMinutes();
    Observer observer = ObserverFixture.observer(db, home, 5_000, LoadHooks.NONE);
    observer.backfill(data, new LoadOptions(1, false), LoadListener.NONE);
    assertThat(ObserverFixture.count(db, "SELECT count(*) FROM observer.scalp_1m_bars")).isZero();
    List<Bar> expected = normalized(bruteForce(ticksOf(data)));
    assertThat(observer.aggregate(Optional.empty(), List.of())).isEqualTo(expected.size());
    assertSameBars(fromDatabase(db), expected);

    Jdbi.create(db.admin())
        .useHandle(
            h -> {
              h.execute("UPDATE observer.scalp_1m_bars SET high = 0");
              h.execute(
                  "INSERT INTO observer.scalp_1m_bars (symbol, bar_time, session_id)"
                      + " VALUES ('005930', '2026-01-05 20:05:00+09', 'stray')");
            });
    TimeRange day = TimeRange.kstDays(SampleDataSpec.DEFAULT_START, SampleDataSpec.DEFAULT_START);
    assertThat(observer.aggregate(Optional.of(day), List.of())).isEqualTo(expected.size());
    assertSameBars(fromDatabase(db), expected);
  }

  @Test
  void concurrent_loads_and_a_rebuild_of_the_same_minutes_leave_the_brute_force_bars(Database db)
      throws Exception {
    fortyMinutes();
    // Two files with the same minutes (every other line of one file): their chunks merge into
    // the same bars at the same time.
    Path original = data.resolve("scalp").resolve("20260105_1000.jsonl");
    List<String> lines = Files.readAllLines(original);
    List<String> even = new ArrayList<>();
    List<String> odd = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      (i % 2 == 0 ? even : odd).add(lines.get(i));
    }
    Files.write(original, even);
    Files.write(data.resolve("scalp").resolve("20260105_1000b.jsonl"), odd);
    // One chunk of a third load pauses inside its transaction while a rebuild of the day starts:
    // the rebuild must wait for it and then include its ticks.
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    LoadHooks pause =
        new LoadHooks() {
          @Override
          public void beforeCommit(Chunk chunk) {
            if (chunk.firstLine == 301) {
              paused.countDown();
              try {
                resume.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    Observer parallel = ObserverFixture.observer(db, home, 200, LoadHooks.NONE);
    parallel.ingest(
        List.of(original, data.resolve("scalp").resolve("20260105_1000b.jsonl")),
        Optional.empty(),
        new LoadOptions(2, true),
        LoadListener.NONE);
    Path third = data.resolve("scalp").resolve("20260105_1010.jsonl");
    Observer pausing = ObserverFixture.observer(db, home, 300, pause);
    CompletableFuture<FileOutcome> load =
        CompletableFuture.supplyAsync(() -> pausing.loadFile(third, RecordKind.SCALP));
    assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
    TimeRange day = TimeRange.kstDays(SampleDataSpec.DEFAULT_START, SampleDataSpec.DEFAULT_START);
    CompletableFuture<Long> rebuild =
        CompletableFuture.supplyAsync(() -> parallel.aggregate(Optional.of(day), List.of()));
    Thread.sleep(300);
    resume.countDown();
    assertThat(load.get(30, TimeUnit.SECONDS).result()).isEqualTo(FileOutcome.Result.LOADED);
    rebuild.get(30, TimeUnit.SECONDS);
    // the rest of the files, then every bar against the brute force
    parallel.backfill(data, new LoadOptions(2, true), LoadListener.NONE);
    assertSameBars(fromDatabase(db), normalized(bruteForce(ticksOf(data))));
  }

  /** Compares bar by bar, so that a failure shows the first differing bar, not two long lists. */
  private static void assertSameBars(List<Bar> actual, List<Bar> expected) {
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      assertThat(actual.get(i)).as("bar %d", i).isEqualTo(expected.get(i));
    }
    assertThat(actual).hasSameSizeAs(expected);
  }

  private static String lateTick(String symbol, Instant event, String price, long volume) {
    return "{\"ts\":\"2026-01-05T07:00:00.001Z\",\"event_time\":\""
        + event
        + "\",\"symbol\":\""
        + symbol
        + "\",\"last_price\":"
        + price
        + ",\"volume\":"
        + volume
        + ",\"session_id\":\"late\"}";
  }
}
