package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database commands against a real PostgreSQL: the test server, or an embedded one of its own.
 */
class MainIT {

  @TempDir Path home;

  private static Map<String, String> environment() {
    return Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword());
  }

  @Test
  void db_migrate_applies_everything_once_and_then_nothing() {
    String url = PostgresExtension.freshDatabaseUrl();
    // The fresh database is already migrated: nothing to apply.
    Result again = MainTest.run(environment(), "db", "migrate", "--db-url", url);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).startsWith("applied 0 migrations; schema is at version ");
  }

  @Test
  void db_info_lists_migrations_schemas_and_row_counts() {
    String url = PostgresExtension.freshDatabaseUrl();
    Result result = MainTest.run(environment(), "--db-url", url, "db", "info");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("Migrations", "schemas and roles", "Success")
        .contains("Schemas", "market", "portfolio")
        .containsPattern("trade\\s+order_intents\\s+0")
        .containsPattern("observer\\s+scalp_ticks\\s+0");
  }

  @Test
  void status_reports_the_server_the_migrations_and_every_module_role() {
    String url = PostgresExtension.freshDatabaseUrl();
    Result result = MainTest.run(environment(), "status", "--db-url", url);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("PostgreSQL 18")
        .contains("0 pending")
        .containsPattern("krx_exit\\s+yes\\s+yes\\s+9 tables")
        .containsPattern("krx_observer\\s+yes\\s+yes\\s+\\d+ tables")
        .doesNotContain(PostgresExtension.superuserPassword());
  }

  /** A short simulated window so that the test stays quick; the default is the whole day. */
  static final String[] SHORT_DEMO = {
    "--from",
    "09:08",
    "--to",
    "09:11",
    "--speed",
    "100",
    "--scalp-symbols",
    "2",
    "--swing-symbols",
    "3"
  };

  private static String[] demo(Path home) {
    List<String> args = new ArrayList<>(List.of("demo", "--home", home.toString()));
    args.addAll(List.of(SHORT_DEMO));
    return args.toArray(String[]::new);
  }

  @Test
  void demo_runs_a_simulated_session_and_reports_it() {
    Result first = MainTest.run(Map.of(), demo(home));
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("embedded PostgreSQL 18")
        .contains(home.resolve("postgres").toString() + " (new: created by this run)")
        .contains("0 pending")
        .contains("Collected", "Coverage", "Gaps", "Stale periods", "Discrepancies")
        .containsPattern("Track A\\s+3 snapshots in 1 polls")
        .contains("files and tables agree")
        .containsPattern("005930\\s+삼성전자\\s+[\\d,]+\\s+\\d+")
        // the commands it suggests look at this run's database, not the default home's
        .contains("krx-trader --home " + home + " gaps --from ");
  }

  @Test
  void demo_twice_reuses_the_data_directory_and_simulates_the_next_trading_day() {
    Result first = MainTest.run(Map.of(), demo(home));
    assertThat(first.exitCode()).as(first.err()).isZero();
    Matcher day = Pattern.compile("Simulating trading day (\\S+)").matcher(first.out());
    assertThat(day.find()).isTrue();
    LocalDate firstDay = LocalDate.parse(day.group(1));

    Result second = MainTest.run(Map.of(), demo(home));
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out())
        .contains(home.resolve("postgres") + " (reused: it holds the data of earlier runs)")
        .contains("Simulating trading day " + TradingCalendar.krx().nextTradingDay(firstDay) + " ");
  }

  @Test
  void an_unreachable_database_is_one_clear_line() {
    Result result =
        MainTest.run(
            Map.of(),
            "db",
            "migrate",
            "--db-url",
            "jdbc:postgresql://127.0.0.1:1/krx",
            "--set",
            "db.user=nobody");
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith("krx-trader: ").contains("127.0.0.1:1");
  }
}
