package io.krxtrader.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.krx.Universe;
import io.krxtrader.portfolio.TargetFileException.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetFileTest {

  @TempDir Path dir;

  private List<TargetWeight> read(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return TargetFile.read(file, Fixtures.policy("0.4"), Universe.defaultUniverse());
  }

  private List<String> problems(String name, String text) {
    TargetFileException e =
        (TargetFileException)
            org.assertj.core.api.Assertions.catchThrowable(() -> read(name, text));
    assertThat(e).as("expected a rejection").isNotNull();
    return e.problems().stream().map(p -> p.line() + " " + p.field() + ": " + p.message()).toList();
  }

  @Test
  void a_good_csv_and_a_good_json_file_read_the_same_weights() throws IOException {
    List<TargetWeight> csv =
        read(
            "t.csv",
            """
            symbol,weight,effective_date
            # four symbols
            005930,0.2,2026-12-03
            000660,0.2,2026-12-03
            035720,0.3,2026-12-03
            051910,0.3,2026-12-03
            """);
    List<TargetWeight> json =
        read(
            "t.json",
            """
            [{"symbol": "005930", "weight": 0.2, "effective_date": "2026-12-03"},
             {"symbol": "000660", "weight": "0.2", "effective_date": "2026-12-03"},
             {"symbol": "035720", "weight": 0.3, "effective_date": "2026-12-03"},
             {"symbol": "051910", "weight": 0.3, "effective_date": "2026-12-03"}]
            """);

    assertThat(csv).isEqualTo(json).hasSize(4);
    assertThat(csv.get(0))
        .isEqualTo(
            new TargetWeight(
                Fixtures.SAMSUNG, new BigDecimal("0.2"), LocalDate.parse("2026-12-03")));
  }

  @Test
  void every_problem_is_named_with_its_line_and_field() {
    assertThat(
            problems(
                "bad.csv",
                """
                symbol,weight,effective_date
                005930,0.5,2026-12-03
                999999,0.2,2026-12-03
                000660,0.005,2026-12-03
                035720,0.2,2026-12-03
                035720,0.1,2026-12-03
                051910,abc,2026-13-01
                """))
        .containsExactlyInAnyOrder(
            "2 weight: 0.5 is over max_position_pct 0.4",
            "3 symbol: unknown symbol 999999",
            "4 weight: 0.005 is under min_position_pct 0.01",
            "6 symbol: duplicate: 035720 for 2026-12-03 already on line 5",
            "7 weight: not a number: 'abc'",
            "7 effective_date: expected YYYY-MM-DD, found '2026-13-01'",
            "0 weight: the weights for 2026-12-03 sum to 0.905, not 1 ± 0.01");
  }

  @Test
  void weights_off_one_by_more_than_a_hundredth_are_rejected_per_date() {
    assertThat(
            problems(
                "sum.json",
                """
                [{"symbol": "005930", "weight": 0.4, "effective_date": "2026-12-03"},
                 {"symbol": "000660", "weight": 0.4, "effective_date": "2026-12-03"},
                 {"symbol": "035720", "weight": 0.195, "effective_date": "2026-12-03"},
                 {"symbol": "005930", "weight": 0.4, "effective_date": "2026-12-04"},
                 {"symbol": "000660", "weight": 0.4, "effective_date": "2026-12-04"},
                 {"symbol": "035720", "weight": 0.215, "effective_date": "2026-12-04"}]
                """))
        .containsExactly(
            "0 weight: the weights for 2026-12-04 sum to 1.015, not 1 ± 0.01"
                .replace("1.01", "1.01"));
  }

  @Test
  void a_malformed_file_names_where_it_breaks() {
    assertThat(problems("h.csv", "sym,w\n005930,1\n"))
        .containsExactly("1 header: expected symbol,weight,effective_date, found sym,w");
    assertThat(problems("x.json", "[{\"symbol\": \"005930\",\n \"weight\": }]"))
        .singleElement()
        .asString()
        .startsWith("2 file: not valid JSON");
    assertThatThrownBy(() -> read("e.csv", ""))
        .isInstanceOfSatisfying(
            TargetFileException.class,
            e -> assertThat(e.problems()).extracting(Problem::field).containsExactly("header"));
  }
}
