package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.observer.jsonl.IsoTimestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampTest {

  private static long parse(String text) {
    return IsoTimestamp.parseMicros(text.toCharArray(), 0, text.length());
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-01-22T09:31:05.120Z",
        "2026-01-22T18:31:05.120+09:00",
        "2026-01-22T18:31:05.120+0900",
        "2026-01-22T18:31:05.120+09",
        "2026-01-22 09:31:05.120z",
        "2026-01-22T04:01:05.120-05:30",
        "2026-01-22T09:31:05.120000Z",
        "2026-01-22T09:31:05.120000999Z",
      })
  void offsets_and_precisions_give_the_same_instant(String text) {
    assertThat(parse(text)).isEqualTo(micros(Instant.parse("2026-01-22T09:31:05.120Z")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-01-22T09:31:05",
        "2026-01-22T09:31:05.120",
        "2026-01-22",
        "2026-1-22T09:31:05Z",
        "2026-01-22T24:00:00Z",
        "2026-02-29T09:31:05Z",
        "2026-01-22T09:31:60Z",
        "2026-01-22T09:31:05.Z",
        "2026-01-22T09:31:05.1234567890Z",
        "2026-01-22T09:31:05+19:00",
        "2026-01-22T09:31:05+09:0",
        "2026-01-22T09:31:05Zjunk",
        "1999-12-31T23:59:59Z",
        "2026-01-22X09:31:05Z",
      })
  void anything_else_is_refused(String text) {
    assertThat(parse(text)).isEqualTo(IsoTimestamp.INVALID);
  }

  @Test
  void random_instants_round_trip_through_java_time() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 10_000; i++) {
      long micros = random.nextLong(946_684_800_000_000L, 4_102_444_800_000_000L);
      Instant instant = Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1_000);
      int offsetMinutes = (random.nextInt(-12 * 4, 14 * 4)) * 15;
      String text =
          OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60))
              .toString();
      assertThat(parse(text)).as(text).isEqualTo(micros);
      String utc = new CopyText(32).utcTimestamp(micros).toString();
      assertThat(OffsetDateTime.parse(utc.replace(' ', 'T') + ":00").toInstant())
          .isEqualTo(instant);
    }
  }

  @Test
  void the_kst_day_of_an_instant_changes_at_kst_midnight() {
    long beforeMidnight = parse("2026-01-22T23:59:59.999999+09:00");
    long midnight = parse("2026-01-23T00:00:00+09:00");
    assertThat(IsoTimestamp.kstEpochDay(midnight) - IsoTimestamp.kstEpochDay(beforeMidnight))
        .isEqualTo(1);
    assertThat(IsoTimestamp.kstEpochDay(midnight))
        .isEqualTo(java.time.LocalDate.of(2026, 1, 23).toEpochDay());
  }
}
