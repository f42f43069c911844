package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.observer.LineParsers.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GapLineParserTest {

  /** The seed's own example record. */
  static final String SEED_EXAMPLE =
      """
      {"timestamp": "2026-01-22T09:31:05.123Z", "gap_start_ts": "2026-01-22T09:31:00.000Z", \
      "gap_end_ts": "2026-01-22T09:31:05.000Z", "gap_seconds": 5, "scope": "scalp", \
      "reason": "ws_disconnect", "session_id": "track_b_session"}""";

  private static Verdict parse(String line) {
    return LineParsers.parse(RecordKind.GAP, line);
  }

  @Test
  void the_seeds_example_becomes_a_row_without_a_symbol() {
    Verdict verdict = parse(SEED_EXAMPLE);
    assertThat(verdict.reject()).isNull();
    assertThat(verdict.row())
        .isEqualTo(
            "2026-01-22T09:31:00.000Z\t2026-01-22T09:31:05.000Z\t5\tscalp\tws_disconnect"
                + "\ttrack_b_session\t\\N\t7\n");
  }

  @Test
  void a_gap_of_one_symbol_names_it() {
    Verdict verdict = parse(SEED_EXAMPLE.replace("\"scope\"", "\"symbol\": \"035720\", \"scope\""));
    assertThat(verdict.reject()).isNull();
    assertThat(verdict.row()).endsWith("\ttrack_b_session\t035720\t7\n");
  }

  @Test
  void reason_and_timestamp_are_optional() {
    String minimal =
        SEED_EXAMPLE
            .replace("\"reason\": \"ws_disconnect\", ", "")
            .replace("\"timestamp\": \"2026-01-22T09:31:05.123Z\", ", "");
    Verdict verdict = parse(minimal);
    assertThat(verdict.reject()).isNull();
    assertThat(verdict.row()).contains("\tscalp\t\\N\ttrack_b_session\t");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no start | '\"gap_start_ts\": \"2026-01-22T09:31:00.000Z\", ' | '' | missing field"
            + " [field=gap_start_ts]",
        "no end | '\"gap_end_ts\": \"2026-01-22T09:31:05.000Z\", ' | '' | missing field"
            + " [field=gap_end_ts]",
        "no seconds | '\"gap_seconds\": 5, ' | '' | missing field [field=gap_seconds]",
        "no scope | '\"scope\": \"scalp\", ' | '' | missing field [field=scope]",
        "no session | ', \"session_id\": \"track_b_session\"' | '' | missing field"
            + " [field=session_id]",
        "unknown scope | '\"scalp\"' | '\"system\"' | unknown scope",
        "negative seconds | '\"gap_seconds\": 5' | '\"gap_seconds\": -5' | negative value",
        "seconds as text | '\"gap_seconds\": 5' | '\"gap_seconds\": \"5\"' | wrong type",
        "end before start | '09:31:05.000Z\", \"gap_seconds' | '09:30:05.000Z\", \"gap_seconds'"
            + " | gap ends before it starts",
        "bad symbol | '\"scope\"' | '\"symbol\": \"35720\", \"scope\"' | invalid symbol",
        "bad timestamp | '2026-01-22T09:31:00.000Z' | '2026-13-22T09:31:00.000Z' | unparseable"
            + " timestamp [field=gap_start_ts",
      })
  void a_bad_record_is_rejected_with_a_reason(String name, String from, String to, String reason) {
    String line = SEED_EXAMPLE.replace(from, to);
    assertThat(line).as("the test changed the line").isNotEqualTo(SEED_EXAMPLE);
    Verdict verdict = parse(line);
    assertThat(verdict.reject()).as(name).startsWith(reason);
    assertThat(verdict.row()).isEmpty();
  }

  @Test
  void a_bad_optional_timestamp_still_rejects_the_line() {
    assertThat(parse(SEED_EXAMPLE.replace("09:31:05.123Z", "nope")).reject())
        .startsWith("unparseable timestamp [field=timestamp");
  }
}
