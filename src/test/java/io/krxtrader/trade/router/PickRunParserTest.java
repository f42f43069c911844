package io.krxtrader.trade.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run format: the examples are valid, and every malformed run lists all its problems. */
class PickRunParserTest {

  private final PickRunParser parser = PickRunParser.standard();

  static String run(String picks) {
    return """
        {"producer_id": "3000", "producer_name": "momentum", "run_id": "r1",
         "run_date": "2026-01-22", "asof_ts": "2026-01-22T08:30:00+09:00", "picks": [%s]}
        """
        .formatted(picks);
  }

  static String pick(String symbol, double score) {
    return """
        {"symbol": "%s", "side": "LONG", "score": %s, "confidence": "HIGH", "rank": 1}
        """
        .formatted(symbol, score);
  }

  private List<String> problems(String json) {
    return problems(json.getBytes(StandardCharsets.UTF_8), "run.json");
  }

  private List<String> problems(byte[] bytes, String name) {
    ParsedRun parsed = parser.parse(bytes, name);
    assertThat(parsed).isInstanceOf(ParsedRun.Invalid.class);
    return ((ParsedRun.Invalid) parsed).problems().stream().map(RunProblem::toString).toList();
  }

  @Test
  void the_json_and_csv_examples_are_valid_and_the_same_run() throws IOException {
    ParsedRun json =
        parser.parse(Files.readAllBytes(Path.of("docs/pick-run.example.json")), "example.json");
    ParsedRun csv =
        parser.parse(Files.readAllBytes(Path.of("docs/pick-run.example.csv")), "example.csv");
    assertThat(json).isInstanceOf(ParsedRun.Valid.class);
    assertThat(csv).isInstanceOf(ParsedRun.Valid.class);
    PickRun fromJson = ((ParsedRun.Valid) json).run();
    PickRun fromCsv = ((ParsedRun.Valid) csv).run();
    assertThat(fromJson.producerId()).isEqualTo("3000");
    assertThat(fromJson.picks()).hasSize(2);
    assertThat(fromCsv.picks()).hasSize(2);
    assertThat(fromCsv.picks().get(0).reasons())
        .containsExactly("20-day breakout", "volume 2.1x the 20-day mean");
    assertThat(fromCsv.picks().get(0).score())
        .isEqualByComparingTo(fromJson.picks().get(0).score());
    assertThat(fromCsv.picks().get(0).metadata()).contains("mom-v3");
    assertThat(fromCsv.asof()).isEqualTo(fromJson.asof());
  }

  @Test
  void every_wrong_field_of_the_run_is_listed_at_once() {
    assertThat(
            problems(
                """
                {"producer_id": "30:00", "run_id": "", "run_date": "22/01/2026",
                 "asof_ts": "2026-01-22 08:30", "picks": {}, "extra": 1}
                """))
        .containsExactlyInAnyOrder(
            "extra: got an unknown field, expected one of asof_ts, picks, producer_id,"
                + " producer_name, run_date, run_id",
            "producer_id: got \"30:00\", expected 1 to 64 letters, digits, '_', '-' or '.'",
            "run_id: got \"\", expected 1 to 64 letters, digits, '_', '-' or '.'",
            "run_date: got \"22/01/2026\", expected a date such as 2026-01-22",
            "asof_ts: got \"2026-01-22 08:30\", expected a time with its offset such as"
                + " 2026-01-22T08:30:00+09:00",
            "picks: got an object, expected an array of picks");
  }

  @Test
  void every_wrong_field_of_every_pick_is_listed_with_its_index() {
    String bad =
        """
        {"symbol": "5930", "side": "SHORT", "score": "high", "confidence": "SURE", "rank": 0,
         "reasons": "one", "metadata": [], "constraints": 3, "color": "red"}
        """;
    assertThat(problems(run(pick("005930", 80) + "," + bad)))
        .containsExactlyInAnyOrder(
            "picks[1].color: got an unknown field, expected one of confidence, constraints,"
                + " metadata, rank, reasons, score, side, symbol",
            "picks[1].symbol: got \"5930\", expected a KRX code: six upper-case letters or digits",
            "picks[1].side: got \"SHORT\", expected LONG",
            "picks[1].score: got \"high\", expected a number",
            "picks[1].confidence: got \"SURE\", expected LOW, MEDIUM or HIGH",
            "picks[1].rank: got 0, expected a whole number from 1",
            "picks[1].reasons: got \"one\", expected an array of texts",
            "picks[1].metadata: got an array, expected a JSON object",
            "picks[1].constraints: got 3, expected a JSON object");
  }

  @Test
  void a_missing_field_says_it_is_missing() {
    assertThat(problems(run("{\"symbol\": \"005930\", \"side\": \"LONG\", \"score\": 1}")))
        .containsExactly(
            "picks[0].confidence: got nothing (the field is missing), expected LOW, MEDIUM or"
                + " HIGH");
  }

  @Test
  void a_symbol_twice_names_both_picks() {
    assertThat(problems(run(pick("005930", 80) + "," + pick("005930", 70))))
        .containsExactly(
            "picks[1].symbol: got 005930, expected one pick per symbol (picks[0] has it already)");
  }

  @Test
  void malformed_json_names_line_and_column() {
    assertThat(problems("{\"producer_id\": \"3000\",\n  \"run_id\": }"))
        .singleElement()
        .asString()
        .startsWith("file: got malformed JSON at line 2, column 13");
  }

  @Test
  void a_duplicate_key_is_malformed() {
    assertThat(problems("{\"run_id\": \"a\", \"run_id\": \"b\"}"))
        .singleElement()
        .asString()
        .contains("Duplicate field 'run_id'");
  }

  @Test
  void a_file_that_is_not_utf8_or_too_large_or_not_an_object_is_refused() {
    byte[] latin1 =
        run(pick("005930", 80))
            .replace("momentum", "mom\u00e9")
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(problems(latin1, "run.json"))
        .containsExactly("file: got bytes that are not UTF-8, expected UTF-8 text");
    PickRunParser small = new PickRunParser(100, 10);
    assertThat(
            ((ParsedRun.Invalid) small.parse(new byte[101], "run.json"))
                .problems()
                .get(0)
                .toString())
        .isEqualTo("file: got 101 bytes, expected at most 100 bytes");
    assertThat(problems("[1, 2]")).containsExactly("file: got an array, expected a JSON object");
    assertThat(problems(""))
        .containsExactly("file: got nothing (the field is missing), expected a JSON object");
  }

  @Test
  void more_picks_than_allowed_are_refused() {
    PickRunParser two = new PickRunParser(1_000_000, 2);
    String json = run(pick("005930", 1) + "," + pick("000660", 1) + "," + pick("035420", 1));
    assertThat(
            ((ParsedRun.Invalid) two.parse(json.getBytes(StandardCharsets.UTF_8), "r.json"))
                .problems()
                .get(0)
                .toString())
        .isEqualTo("picks: got 3 picks, expected at most 2 picks");
  }

  @Test
  void csv_rows_that_disagree_on_the_run_or_are_short_are_listed() {
    String csv =
        """
        producer_id,run_id,run_date,asof_ts,symbol,side,score,confidence
        3000,r1,2026-01-22,2026-01-22T08:30:00+09:00,005930,LONG,80,HIGH
        3000,r2,2026-01-22,2026-01-22T08:30:00+09:00,000660,LONG,x,HIGH
        3000,r1,2026-01-22
        """;
    assertThat(problems(csv.getBytes(StandardCharsets.UTF_8), "run.csv"))
        .containsExactlyInAnyOrder(
            "picks[1].run_id: got r2, expected the same value in every row: r1",
            "picks[2].(row 4): got 3 columns, expected 8 columns as in the header");
  }

  @Test
  void csv_with_an_unknown_column_or_an_open_quote_is_refused() {
    assertThat(problems("producer_id,colour\n3000,red\n".getBytes(StandardCharsets.UTF_8), "a.csv"))
        .containsExactly("header column 2: got colour, expected a known column name");
    assertThat(problems("producer_id\n\"3000\n".getBytes(StandardCharsets.UTF_8), "a.csv"))
        .containsExactly("file: got a quote opened on line 2, expected a closing quote");
  }

  @Test
  void csv_values_are_validated_like_json_ones() {
    String csv =
        """
        producer_id,run_id,run_date,asof_ts,symbol,side,score,confidence,rank
        3000,r1,2026-01-22,2026-01-22T08:30:00+09:00,005930,LONG,high,HIGH,1.5
        """;
    assertThat(problems(csv.getBytes(StandardCharsets.UTF_8), "run.csv"))
        .containsExactlyInAnyOrder(
            "picks[0].score: got \"high\", expected a number",
            "picks[0].rank: got 1.5, expected a whole number from 1");
  }
}
