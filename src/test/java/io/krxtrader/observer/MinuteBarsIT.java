package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krxtrader.db.Database;
import io.krxtrader.db.PostgresExtension;
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
    LoadSummary first =
        observer.backfill(data, new LoadOptions(2, BarMode.EACH_FILE), LoadListener.NONE);
    assertThat(first.failures()).isEmpty();
    List<Bar> expected = normalized(bruteForce(ticksOf(data)));
    assertThat(expected).hasSizeGreaterThan(100);
    assertSameBars(fromDatabase(db), expected);
    assertThat(expected).extracting(Bar::grade).contains("A", "B");
    assertThat(ObserverFixture.count(db, "SELECT count(*) FROM observer.minute_bar_backlog"))
        .isZero();

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

    LoadSummary second =
        observer.backfill(data, new LoadOptions(2, BarMode.EACH_FILE), LoadListener.NONE);
    assertThat(second.linesLoaded()).isEqualTo(3);
    assertThat(second.bars()).isEqualTo(2);
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
  void aggregate_recomputes_a_range_and_drains_whatever_a_load_left_queued(Database db)
      throws IOException {
    fortyMinutes();
    Observer observer = ObserverFixture.observer(db, home, 5_000, LoadHooks.NONE);
    observer.backfill(data, new LoadOptions(1, BarMode.NONE), LoadListener.NONE);
    assertThat(ObserverFixture.count(db, "SELECT count(*) FROM observer.scalp_1m_bars")).isZero();
    long queued = ObserverFixture.count(db, "SELECT count(*) FROM observer.minute_bar_backlog");
    assertThat(queued).isPositive();
    assertThat(observer.aggregate(LoadListener.NONE)).isEqualTo(queued);

    Jdbi.create(db.admin()).useHandle(h -> h.execute("UPDATE observer.scalp_1m_bars SET high = 0"));
    TimeRange day = TimeRange.kstDays(SampleDataSpec.DEFAULT_START, SampleDataSpec.DEFAULT_START);
    assertThat(observer.aggregate(day, List.of(), LoadListener.NONE)).isEqualTo(queued);
    assertSameBars(fromDatabase(db), normalized(bruteForce(ticksOf(data))));
  }

  @Test
  void a_drain_while_a_chunk_is_in_flight_never_leaves_a_bar_without_that_chunks_ticks(Database db)
      throws Exception {
    ObserverFixture.generate(data, 1, 3, 21);
    Path file = data.resolve("scalp").resolve("20260105_1000.jsonl");
    Observer observer = ObserverFixture.observer(db, home, 5_000, LoadHooks.NONE);
    // Chunk 1 and its bars first; chunk 2 then pauses inside its transaction, after queueing its
    // minutes (some of them chunk 1's too), while another drain runs.
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
            } else if (chunk.firstLine == 601) {
              throw new IllegalStateException("stop after chunk 2");
            }
          }
        };
    Observer loading = ObserverFixture.observer(db, home, 300, pause);
    CompletableFuture<Void> load =
        CompletableFuture.runAsync(
            () -> {
              try {
                loading.loadFile(file, RecordKind.SCALP);
              } catch (IllegalStateException expected) {
                // the hook stops the load after chunk 2
              }
            });
    assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
    observer.aggregate(LoadListener.NONE);
    resume.countDown();
    load.get(30, TimeUnit.SECONDS);
    observer.aggregate(LoadListener.NONE);
    assertThat(ObserverFixture.count(db, "SELECT sum(tick_count) FROM observer.scalp_1m_bars"))
        .isEqualTo(600);
    assertThat(
            ObserverFixture.count(
                db,
                "SELECT count(*) FROM observer.scalp_1m_bars b WHERE tick_count <> (SELECT"
                    + " count(*) FROM observer.scalp_ticks t WHERE t.symbol = b.symbol AND"
                    + " t.event_time >= b.bar_time AND t.event_time < b.bar_time + interval '1"
                    + " minute')"))
        .isZero();
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
