package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.observer.LineParsers.Verdict;
import java.time.LocalDate;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalpLineParserTest {

  /** The seed's own example record. */
  static final String SEED_EXAMPLE =
      """
      {"ts": "2026-01-22T09:31:05.123Z", "event_time": "2026-01-22T09:31:05.120Z", \
      "symbol": "005930", "bid_price": 71450, "ask_price": 71500, "bid_size": 100, \
      "ask_size": 50, "last_price": 71475, "volume": 10, "session_id": "track_b_session", \
      "mitigation_level": 0, "quality_flag": "normal"}""";

  private static Verdict parse(String line) {
    return LineParsers.parse(RecordKind.SCALP, line);
  }

  private static String with(String field, String value) {
    return SEED_EXAMPLE.replaceFirst(
        "\"" + field + "\": [^,}]+", Matcher.quoteReplacement("\"" + field + "\": " + value));
  }

  private static String without(String field) {
    return SEED_EXAMPLE.replaceFirst("\"" + field + "\": [^,}]+, ", "");
  }

  @Test
  void the_seeds_example_becomes_one_row_in_column_order() {
    Verdict verdict = parse(SEED_EXAMPLE);
    assertThat(verdict.reject()).isNull();
    assertThat(verdict.row())
        .isEqualTo(
            "005930\t2026-01-22T09:31:05.120Z\t71450\t71500\t100\t50\t71475\t10\ttrack_b_session"
                + "\t2026-01-22T09:31:05.123Z\t0\tnormal\t7\n");
    assertThat(verdict.chunk().lastRowDay).isEqualTo(LocalDate.of(2026, 1, 22).toEpochDay());
    assertThat(verdict.chunk().bars.size()).isEqualTo(1);
  }

  @Test
  void optional_fields_may_be_missing_or_null_and_get_their_defaults() {
    String minimal =
        """
        {"ts":"2026-01-22T00:31:05Z","event_time":"2026-01-22T00:31:05Z","symbol":"005930",\
        "last_price":71475,"session_id":"s","bid_price":null}""";
    Verdict verdict = parse(minimal);
    assertThat(verdict.reject()).isNull();
    assertThat(verdict.row())
        .isEqualTo(
            "005930\t2026-01-22T00:31:05Z\t\\N\t\\N\t\\N\t\\N\t71475\t\\N\ts"
                + "\t2026-01-22T00:31:05Z\t0\tnormal\t7\n");
  }

  @Test
  void unknown_fields_are_ignored_even_nested_ones() {
    String extra =
        SEED_EXAMPLE.replace(
            "\"volume\": 10,", "\"volume\": 10, \"venue\": {\"name\": \"KRX\", \"x\": [1, 2]},");
    assertThat(parse(extra).reject()).isNull();
  }

  @Test
  void decimal_prices_are_kept_exactly_and_whole_ones_written_without_a_fraction() {
    Verdict verdict = parse(with("last_price", "71475.25").replace("71450", "71450.0"));
    assertThat(verdict.reject()).isNull();
    assertThat(verdict.row()).contains("\t71450\t71500\t").contains("\t71475.25\t");
  }

  @Test
  void text_is_escaped_for_copy_and_kept_as_utf8() {
    Verdict verdict = parse(with("session_id", "\"세션\\t1\\\\x\""));
    assertThat(verdict.reject()).isNull();
    assertThat(verdict.row()).contains("\t세션\\t1\\\\x\t");
  }

  @Test
  void more_than_microsecond_precision_is_truncated_where_postgresql_would_round() {
    Verdict verdict = parse(with("event_time", "\"2026-01-22T09:31:05.1234569+09:00\""));
    assertThat(verdict.reject()).isNull();
    assertThat(verdict.row()).contains("\t2026-01-22 00:31:05.123456+00\t");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing ts | -ts | missing field [field=ts]",
        "missing event_time | -event_time | missing field [field=event_time]",
        "missing symbol | -symbol | missing field [field=symbol]",
        "missing last_price | -last_price | missing field [field=last_price]",
        "missing session_id | -session_id | missing field [field=session_id]",
        "null last_price | last_price=null | missing field [field=last_price]",
        "price as text | last_price=\"71475\" | wrong type [field=last_price, expected=number]",
        "size as decimal | bid_size=10.5 | wrong type [field=bid_size, expected=integer]",
        "symbol as number | symbol=5930 | wrong type [field=symbol, expected=string]",
        "negative price | bid_price=-1 | negative price [field=bid_price, value=-1]",
        "negative size | ask_size=-3 | negative value [field=ask_size, value=-3]",
        "negative volume | volume=-10 | negative value [field=volume, value=-10]",
        "bid above ask | bid_price=71550 | bid above ask [bid_price=71550, ask_price=71500]",
        "five-digit symbol | symbol=\"05930\" | invalid symbol",
        "lower-case symbol | symbol=\"00680k\" | invalid symbol",
        "no offset | ts=\"2026-01-22T09:31:05.123\" | unparseable timestamp [field=ts",
        "impossible date | event_time=\"2026-02-30T09:31:05Z\" | unparseable timestamp",
        "not a time | event_time=\"yesterday\" | unparseable timestamp",
        "huge price | last_price=100000000000 | value out of range",
        "huge integer | volume=123456789012345678901234567890 | value out of range",
        "far event time | event_time=\"2026-01-25T09:31:05Z\" | event time more than a day",
      })
  void a_bad_field_rejects_the_line_with_a_reason(String name, String change, String reason) {
    String line;
    if (change.startsWith("-")) {
      line = without(change.substring(1));
    } else {
      String[] parts = change.split("=", 2);
      line = with(parts[0], parts[1]);
    }
    assertThat(line).as("the test changed the line").isNotEqualTo(SEED_EXAMPLE);
    Verdict verdict = parse(line);
    assertThat(verdict.reject()).as(name).startsWith(reason);
    assertThat(verdict.row()).as("a rejected line writes nothing").isEmpty();
  }

  @Test
  void a_session_id_longer_than_its_column_is_rejected() {
    assertThat(parse(with("session_id", "\"" + "s".repeat(51) + "\"")).reject())
        .startsWith("value too long [field=session_id, length=51, maximum=50]");
    assertThat(parse(with("session_id", "\"" + "s".repeat(50) + "\"")).reject()).isNull();
  }

  @Test
  void bid_equal_to_ask_passes_the_reader_and_is_left_to_validate() {
    assertThat(parse(with("bid_price", "71500")).reject()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty | '' | empty line",
        "blank | '   ' | empty line",
        "an array | [1, 2] | not a JSON object",
        "a number | 42 | not a JSON object",
        "cut off | '{\"ts\": \"2026-01-22T09:31:05Z\", \"sym' | malformed JSON",
        "two objects | '{} {}' | more than one JSON value",
        "garbage | 'hello' | malformed JSON",
      })
  void a_line_that_is_not_one_json_object_is_rejected(String name, String line, String reason) {
    assertThat(parse(line).reject()).as(name).startsWith(reason);
  }

  @Test
  void invalid_utf8_is_rejected_not_loaded_as_garbage() {
    Chunk chunk = new Chunk(1, 256);
    chunk.reset(0, 1);
    byte[] line = SEED_EXAMPLE.replace("track_b_session", "track_b_sessio?").getBytes();
    line[SEED_EXAMPLE.indexOf("track_b_session") + 14] = (byte) 0xC3;
    String reject = RecordKind.SCALP.newParser().parse(line, 0, line.length, 1, chunk);
    assertThat(reject).startsWith("malformed JSON");
    assertThat(chunk.copy.length()).isZero();
  }

  @Test
  void one_parser_forgets_the_previous_line() {
    LineParser parser = RecordKind.SCALP.newParser();
    Chunk chunk = new Chunk(1, 256);
    chunk.reset(0, 1);
    byte[] good = SEED_EXAMPLE.getBytes();
    byte[] missing = without("last_price").getBytes();
    assertThat(parser.parse(good, 0, good.length, 1, chunk)).isNull();
    assertThat(parser.parse(missing, 0, missing.length, 2, chunk)).startsWith("missing field");
  }
}
