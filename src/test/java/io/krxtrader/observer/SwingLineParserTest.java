package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.observer.LineParsers.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SwingLineParserTest {

  /** The seed's own example record. */
  static final String SEED_EXAMPLE =
      """
      {"ts": "2026-01-22T09:31:05.200Z", "session": "track_a_session", \
      "dataset": "track_a_swing", "market": "kr_stocks", "symbol": "005930", \
      "price": {"open": 70000, "high": 72000, "low": 69500, "close": 71500}, \
      "volume": 1234567, "bid_price": 71450, "ask_price": 71500, "source": "kis"}""";

  private static Verdict parse(String line) {
    return LineParsers.parse(RecordKind.SWING, line);
  }

  @Test
  void the_seeds_example_is_staged_with_its_slot_and_snapshot_time() {
    Verdict verdict = parse(SEED_EXAMPLE);
    assertThat(verdict.reject()).isNull();
    // bar_time: ts floored to its 10-minute boundary, written in UTC
    assertThat(verdict.row())
        .isEqualTo(
            "005930\t2026-01-22 09:30:00.000000+00\t70000\t72000\t69500\t71500\t1234567"
                + "\t71450\t71500\ttrack_a_session\t2026-01-22T09:31:05.200Z\t7\t1\n");
  }

  @Test
  void a_kst_timestamp_floors_to_the_same_slot_as_its_utc_twin() {
    String kst = SEED_EXAMPLE.replace("2026-01-22T09:31:05.200Z", "2026-01-22T18:39:59.999+09:00");
    assertThat(parse(kst).row()).contains("\t2026-01-22 09:30:00.000000+00\t");
  }

  @Test
  void volume_and_quotes_are_optional_and_session_id_is_accepted_for_session() {
    String minimal =
        """
        {"ts":"2026-01-22T00:31:05Z","session_id":"a","symbol":"000660",\
        "price":{"open":1,"high":3,"low":1,"close":2}}""";
    Verdict verdict = parse(minimal);
    assertThat(verdict.reject()).isNull();
    assertThat(verdict.row()).startsWith("000660\t").contains("\t2\t\\N\t\\N\t\\N\ta\t");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no ts | \"ts\": \"2026-01-22T09:31:05.200Z\", | | missing field [field=ts]",
        "no session | \"session\": \"track_a_session\", | | missing field [field=session]",
        "no symbol | \"symbol\": \"005930\", | | missing field [field=symbol]",
        "no price | '\"price\": {\"open\": 70000, \"high\": 72000, \"low\": 69500, \"close\": 71500},'"
            + " | | missing field [field=price]",
        "no close | ', \"close\": 71500' | | missing field [field=price.close]",
        "price not an object | '{\"open\": 70000, \"high\": 72000, \"low\": 69500, \"close\": 71500}'"
            + " | 71500 | wrong type [field=price, expected=object]",
        "high below low | '\"high\": 72000' | '\"high\": 69000' | high below low [high=69000,"
            + " low=69500]",
        "negative low | '\"low\": 69500' | '\"low\": -1' | negative price [field=price.low",
        "bid above ask | '\"bid_price\": 71450' | '\"bid_price\": 71600' | bid above ask",
        "negative volume | '\"volume\": 1234567' | '\"volume\": -5' | negative value",
        "bad symbol | '\"005930\"' | '\"SAMSUNG\"' | invalid symbol",
        "bad ts | '09:31:05.200Z' | '09:61:05.200Z' | unparseable timestamp",
      })
  void a_bad_record_is_rejected_with_a_reason(String name, String from, String to, String reason) {
    String line = SEED_EXAMPLE.replace(from, to == null ? "" : to);
    assertThat(line).as("the test changed the line").isNotEqualTo(SEED_EXAMPLE);
    Verdict verdict = parse(line);
    assertThat(verdict.reject()).as(name).startsWith(reason);
    assertThat(verdict.row()).isEmpty();
  }

  @Test
  void open_or_close_outside_high_low_passes_the_reader_and_is_left_to_validate() {
    assertThat(parse(SEED_EXAMPLE.replace("\"open\": 70000", "\"open\": 80000")).reject()).isNull();
  }
}
