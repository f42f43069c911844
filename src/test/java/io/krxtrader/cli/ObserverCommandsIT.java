package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The observer's commands end to end on a real database, as a user types them. */
class ObserverCommandsIT {

  @TempDir static Path home;

  /**
   * Each test has its own database: a copy of a file loaded by one test is a conflict in another.
   */
  private static String url;

  private static Map<String, String> environment() {
    return Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword());
  }

  private static Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db-url", url, "--home", home.toString()));
    return MainTest.run(environment(), all.toArray(String[]::new));
  }

  @BeforeAll
  static void generateAndLoad() {
    url = PostgresExtension.freshDatabaseUrl();
    Result generated =
        run("observer", "generate", "--days", "1", "--symbols", "2", "--out", data().toString());
    assertThat(generated.exitCode()).as(generated.err()).isZero();
    assertThat(generated.out()).contains("wrote 1 trading days (2026-01-05 to 2026-01-05)");
  }

  private static Path data() {
    return home.resolve("data");
  }

  private static void sql(String statement) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                url + "?user=postgres&password=" + PostgresExtension.superuserPassword());
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @BeforeEach
  void freshDatabase() {
    url = PostgresExtension.freshDatabaseUrl();
  }

  @Test
  void backfill_loads_the_directory_then_the_queries_and_validate_see_it() throws Exception {
    Result backfill = run("backfill", data().toString(), "--progress", "lines");
    assertThat(backfill.exitCode()).as(backfill.err()).isZero();
    assertThat(backfill.out())
        .containsPattern("\\d+ files: \\d+ loaded, 0 unchanged")
        .contains("0 rejected");

    Result again = run("backfill", data().toString(), "--progress", "none", "--format", "json");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("\"loaded\" : 0").contains("\"lines_loaded\" : 0");

    Result bars = run("bars", "005930", "--limit", "3");
    assertThat(bars.exitCode()).as(bars.err()).isZero();
    assertThat(bars.out()).contains("2026-01-05T15:30:00+09:00").contains("(3 rows)");

    Result ticks = run("ticks", "000660", "--limit", "2", "--format", "json");
    assertThat(ticks.out()).startsWith("[ {").contains("\"last_price\" : ");

    Result minute =
        run(
            "minute-bars",
            "--from",
            "2026-01-05T10:00",
            "--to",
            "2026-01-05T10:02",
            "--format",
            "csv");
    assertThat(minute.out().lines())
        .hasSize(5)
        .first()
        .isEqualTo(
            "symbol,bar_time,open,high,low,close,volume,ticks,coverage_ratio,quality_flag,grade");

    Result gaps = run("gaps", "--from", "2026-01-05", "--to", "2026-01-05");
    assertThat(gaps.exitCode()).isZero();
    assertThat(gaps.out()).contains("scope");

    Result coverage = run("coverage", "--from", "2026-01-05");
    assertThat(coverage.out()).contains("005930").contains("390");

    Result validate = run("validate", "--data", data().toString());
    assertThat(validate.exitCode()).as(validate.out()).isZero();
    assertThat(validate.out())
        .contains("Result: every check passed")
        .contains("never loaded: 0")
        .containsPattern("Portfolio snapshots and plans .*\\n  consistent");

    sql(
        "UPDATE observer.swing_bars_10m SET bid_price = high * 1.1, ask_price = high * 1.2"
            + " WHERE ctid ="
            + " (SELECT min(ctid) FROM observer.swing_bars_10m)");
    Result violated = run("validate");
    assertThat(violated.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(violated.out())
        .containsPattern("bid more than 5 % above high or ask more than 5 % below low +1 +VIOLATED")
        .contains("Result: 1 check failed");

    // A snapshot whose cash and invested value do not add up to its total.
    sql(
        "INSERT INTO portfolio.portfolio_policy (policy_id, name, rebalance_freq,"
            + " max_position_pct) VALUES ('p', 'p', 'daily', 0.9)");
    sql(
        "WITH s AS (INSERT INTO portfolio.portfolio_snapshot (policy_id, snapshot_time,"
            + " total_value, cash, invested_value) VALUES ('p', now(), 1000, 100, 800)"
            + " RETURNING snapshot_id)"
            + " INSERT INTO portfolio.portfolio_positions (snapshot_id, symbol, quantity,"
            + " market_value, target_weight) SELECT snapshot_id, '005930', 1, 800, 1 FROM s");
    Result portfolio = run("validate");
    assertThat(portfolio.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(portfolio.out())
        .contains("VIOLATED: snapshot ")
        .contains("cash + invested is 900 KRW but total_value is 1000")
        .contains("Result: 2 checks failed");
  }

  @Test
  void ingest_reports_a_refused_file_and_exits_with_one() throws Exception {
    Path file = home.resolve("own").resolve("scalp").resolve("20260105_0900.jsonl");
    Files.createDirectories(file.getParent());
    Files.copy(data().resolve("scalp").resolve("20260105_0900.jsonl"), file);
    assertThat(run("ingest", file.toString(), "--progress", "none").exitCode()).isZero();
    byte[] bytes = Files.readAllBytes(file);
    bytes[20] = (byte) (bytes[20] == '1' ? '2' : '1');
    Files.write(file, bytes);
    Result refused = run("ingest", file.toString(), "--progress", "none");
    assertThat(refused.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(refused.out())
        .contains("1 refused")
        .contains("Not loaded:")
        .contains("the part already loaded has changed");
  }

  @Test
  void bad_arguments_are_usage_errors() {
    assertThat(run("bars", "5930").exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("minute-bars").exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("ingest", "x.jsonl", "--parallel", "11").exitCode()).isEqualTo(Main.EXIT_USAGE);
    Result kind = run("ingest", home.resolve("nope.jsonl").toString());
    assertThat(kind.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(kind.err()).contains("no such file");
  }
}
