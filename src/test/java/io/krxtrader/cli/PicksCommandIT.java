package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code krx-trader picks submit FILE}: accepted, repeated, refused with every problem. */
class PicksCommandIT {

  private static String url;

  @BeforeAll
  static void database() {
    url = PostgresExtension.freshDatabaseUrl();
  }

  private static Result run(String... args) {
    return MainTest.run(Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword()), args);
  }

  @Test
  void the_example_is_accepted_once_then_a_repeat_changes_nothing() {
    Result first = run("picks", "submit", "docs/pick-run.example.json", "--db-url", url);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .isEqualTo("run 20260122_083000_3000_a1 accepted: 2 picks, 0 older picks superseded\n");
    Result again = run("picks", "submit", "docs/pick-run.example.csv", "--db-url", url);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("already submitted");
  }

  @Test
  void a_malformed_run_exits_1_listing_every_problem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file,
        Files.readString(Path.of("docs/pick-run.example.json"))
            .replace("\"HIGH\"", "\"VERY\"")
            .replace("\"000660\"", "\"66\""));
    Result result = run("picks", "submit", file.toString(), "--db-url", url);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("run rejected, nothing stored: 2 problems")
        .contains("  picks[0].confidence: got \"VERY\", expected LOW, MEDIUM or HIGH")
        .contains("  picks[1].symbol: got \"66\", expected a KRX code");
  }

  @Test
  void list_shows_the_days_picks_and_decisions_the_days_decisions() {
    String url = PostgresExtension.freshDatabaseUrl();
    run("picks", "submit", "docs/pick-run.example.json", "--db-url", url);
    Result list = run("picks", "list", "--date", "2026-01-22", "--format", "csv", "--db-url", url);
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out().lines())
        .containsExactly(
            "symbol,producer,run,score,confidence,status,gate1,gate2,gate3,reason",
            "000660,3000,20260122_083000_3000_a1,71,MEDIUM,ACTIVE,,,,",
            "005930,3000,20260122_083000_3000_a1,82.5,HIGH,ACTIVE,,,,");
    Result decisions = run("decisions", "--date", "2026-01-22", "--db-url", url);
    assertThat(decisions.exitCode()).as(decisions.err()).isZero();
    assertThat(decisions.out()).contains("symbol").contains("decision");
  }
}
