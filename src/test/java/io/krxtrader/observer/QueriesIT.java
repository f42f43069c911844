package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.krx.Symbol;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each query of the API returns what a hand-written SQL statement returns. */
@ExtendWith(PostgresExtension.class)
class QueriesIT {

  private static final LocalDate DAY = SampleDataSpec.DEFAULT_START;
  private static final Symbol SAMSUNG = Symbol.of("005930");
  private static final Symbol HYNIX = Symbol.of("000660");

  @TempDir static Path data;
  @TempDir static Path home;

  private static Observer observer;
  private static Jdbi sql;

  @BeforeAll
  static void load(Database db) {
    ObserverFixture.generate(data, 1, 3, 8);
    observer = ObserverFixture.observer(db, home, 20_000, LoadHooks.NONE);
    LoadSummary summary = observer.backfill(data, new LoadOptions(2, true), LoadListener.NONE);
    assertThat(summary.failures()).isEmpty();
    sql = Jdbi.create(db.admin());
    // Gaps the generator does not make: a long one at night and a short one in the session.
    sql.useHandle(
        h ->
            h.execute(
                """
                INSERT INTO observer.scalp_gaps
                       (gap_start_ts, gap_end_ts, gap_seconds, scope, reason, session_id)
                VALUES ('2026-01-05 20:00+09', '2026-01-05 20:05+09', 300, 'scalp', 'night', 's'),
                       ('2026-01-05 10:00+09', '2026-01-05 10:00:30+09', 30, 'swing', 'blip', 's'),
                       ('2026-01-05 08:59+09', '2026-01-05 09:01+09', 120, 'swing', 'edge', 's')
                """));
  }

  private static Instant at(String kst) {
    return OffsetDateTime.parse(kst + "+09:00").toInstant();
  }

  private static List<String> rows(String query) {
    return sql.withHandle(h -> h.createQuery(query).mapTo(String.class).list());
  }

  private static String utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toString();
  }

  @Test
  void latest_swing_bars_of_a_symbol() {
    List<String> api =
        observer.latestSwingBars(SAMSUNG, 5).stream()
            .map(b -> b.symbol() + " " + utc(b.barTime()) + " " + b.close().toPlainString())
            .toList();
    List<String> expected =
        rows(
            """
            SELECT symbol || ' ' || to_char(bar_time AT TIME ZONE 'UTC',
                   'YYYY-MM-DD"T"HH24:MI"Z"') || ' ' || close::text
              FROM observer.swing_bars_10m WHERE symbol = '005930'
             ORDER BY bar_time DESC LIMIT 5
            """);
    assertThat(api).hasSize(5).isEqualTo(expected);
  }

  @Test
  void swing_bars_of_several_symbols_in_a_range() {
    TimeRange range = new TimeRange(at("2026-01-05T10:00"), at("2026-01-05T14:00"));
    List<String> api =
        observer.swingBars(List.of(SAMSUNG, HYNIX), range, Optional.of(30)).stream()
            .map(b -> b.symbol() + " " + utc(b.barTime()) + " " + b.volume())
            .toList();
    List<String> expected =
        rows(
            """
            SELECT symbol || ' ' || to_char(bar_time AT TIME ZONE 'UTC',
                   'YYYY-MM-DD"T"HH24:MI"Z"') || ' ' || volume
              FROM observer.swing_bars_10m
             WHERE symbol IN ('005930', '000660')
               AND bar_time >= '2026-01-05 10:00+09' AND bar_time < '2026-01-05 14:00+09'
             ORDER BY symbol, bar_time DESC LIMIT 30
            """);
    assertThat(api).hasSize(30).isEqualTo(expected);
  }

  @Test
  void latest_ticks_and_ticks_in_a_range() {
    List<String> latest =
        observer.latestTicks(HYNIX, 50).stream()
            .map(t -> t.id() + " " + t.lastPrice().toPlainString())
            .toList();
    assertThat(latest)
        .hasSize(50)
        .isEqualTo(
            rows(
                """
                SELECT id || ' ' || last_price::text FROM observer.scalp_ticks
                 WHERE symbol = '000660' ORDER BY event_time DESC, id DESC LIMIT 50
                """));
    TimeRange range = new TimeRange(at("2026-01-05T10:00"), at("2026-01-05T10:05"));
    List<String> inRange =
        observer.ticks(HYNIX, range, Optional.empty()).stream()
            .map(t -> t.id() + " " + t.volume())
            .toList();
    assertThat(inRange)
        .hasSizeGreaterThan(400)
        .isEqualTo(
            rows(
                """
                SELECT id || ' ' || volume FROM observer.scalp_ticks
                 WHERE symbol = '000660'
                   AND event_time >= '2026-01-05 10:00+09' AND event_time < '2026-01-05 10:05+09'
                 ORDER BY event_time DESC, id DESC
                """));
  }

  @Test
  void minute_bars_of_an_hour_for_every_symbol_and_by_grade_for_one() {
    TimeRange hour = new TimeRange(at("2026-01-05T14:00"), at("2026-01-05T15:00"));
    List<String> all =
        observer.minuteBars(List.of(), hour, Optional.empty()).stream()
            .map(b -> b.symbol() + " " + utc(b.barTime()) + " " + b.tickCount())
            .toList();
    assertThat(all)
        .hasSize(180)
        .isEqualTo(
            rows(
                """
                SELECT symbol || ' ' || to_char(bar_time AT TIME ZONE 'UTC',
                       'YYYY-MM-DD"T"HH24:MI"Z"') || ' ' || tick_count
                  FROM observer.scalp_1m_bars
                 WHERE bar_time >= '2026-01-05 14:00+09' AND bar_time < '2026-01-05 15:00+09'
                 ORDER BY bar_time DESC, symbol
                """));
    TimeRange day = TimeRange.kstDays(DAY, DAY);
    List<String> gradeB =
        observer
            .minuteBars(List.of(Symbol.of("373220")), day, Optional.of(CoverageGrade.B))
            .stream()
            .map(b -> utc(b.barTime()) + " " + b.coverageGrade())
            .toList();
    List<String> expected =
        rows(
            """
            SELECT to_char(bar_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') || ' '
                   || coverage_grade
              FROM observer.scalp_1m_bars
             WHERE symbol = '373220' AND coverage_grade IN ('A', 'B')
               AND bar_time >= '2026-01-05 00:00+09' AND bar_time < '2026-01-06 00:00+09'
             ORDER BY bar_time DESC
            """);
    assertThat(gradeB).isNotEmpty().isEqualTo(expected);
    assertThat(gradeB).noneMatch(b -> b.endsWith("C") || b.endsWith("D"));
  }

  @Test
  void gap_counts_by_scope() {
    List<String> api =
        observer.gapCounts(Optional.empty(), DAY, DAY).stream()
            .map(g -> g.scope() + " " + g.gaps() + " " + g.seconds())
            .toList();
    assertThat(api)
        .isEqualTo(
            rows(
                """
                SELECT scope || ' ' || count(*) || ' ' || sum(gap_seconds)
                  FROM observer.scalp_gaps
                 WHERE gap_start_ts >= '2026-01-05 00:00+09' AND gap_start_ts < '2026-01-06 00:00+09'
                 GROUP BY scope ORDER BY scope
                """));
    assertThat(observer.gapCounts(Optional.of("swing"), DAY, DAY))
        .extracting(GapCount::scope)
        .containsExactly("swing");
    assertThat(observer.gapCounts(Optional.empty(), DAY.plusDays(1), DAY.plusDays(1))).isEmpty();
  }

  @Test
  void critical_gaps_are_the_long_ones_that_touch_the_session() {
    List<Long> api =
        observer.criticalGaps(DAY, DAY, Optional.empty(), true).stream()
            .map(GapRecord::id)
            .toList();
    List<Long> expected =
        sql.withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT id FROM observer.scalp_gaps
                         WHERE gap_seconds >= 60
                           AND gap_start_ts >= '2026-01-05 00:00+09'
                           AND gap_start_ts < '2026-01-06 00:00+09'
                           AND (gap_start_ts AT TIME ZONE 'Asia/Seoul')::time < '15:30'
                           AND (gap_end_ts AT TIME ZONE 'Asia/Seoul')::time > '09:00'
                         ORDER BY gap_start_ts DESC, id DESC
                        """)
                    .mapTo(Long.class)
                    .list());
    assertThat(api).isNotEmpty().isEqualTo(expected);
    List<GapRecord> anyTime = observer.criticalGaps(DAY, DAY, Optional.empty(), false);
    assertThat(anyTime).extracting(GapRecord::reason).contains("night").doesNotContain("blip");
    assertThat(observer.criticalGaps(DAY, DAY, Optional.of(Duration.ofSeconds(10)), true))
        .extracting(GapRecord::reason)
        .contains("blip", "edge")
        .doesNotContain("night");
  }

  @Test
  void coverage_per_symbol_and_day() {
    List<String> api =
        observer.coverage(List.of(), DAY, DAY).stream()
            .map(
                c ->
                    c.symbol()
                        + " "
                        + c.bars()
                        + " "
                        + c.ticks()
                        + " "
                        + Math.round(c.coverage() * 390_000)
                        + " "
                        + c.gradeA())
            .toList();
    List<String> expected =
        rows(
            """
            SELECT symbol || ' ' || count(*) || ' ' || sum(tick_count) || ' '
                   || round(least(sum(coverage_ratio), 390) * 1000) || ' '
                   || count(*) FILTER (WHERE coverage_grade = 'A')
              FROM observer.scalp_1m_bars
             WHERE bar_time >= '2026-01-05 00:00+09' AND bar_time < '2026-01-06 00:00+09'
             GROUP BY symbol ORDER BY symbol
            """);
    assertThat(api).hasSize(3).isEqualTo(expected);
    assertThat(observer.coverage(List.of(SAMSUNG), DAY, DAY))
        .singleElement()
        .satisfies(c -> assertThat(c.sessionMinutes()).isEqualTo(390));
  }
}
