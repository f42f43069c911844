package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.market.MarketConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's contract without a database: help, version, usage errors. */
class MainTest {

  record Result(int exitCode, String out, String err) {}

  static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new Main(environment, InstantSource.system()).commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private static void collect(CommandLine command, List<List<String>> paths, List<String> prefix) {
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      if (sub.getKey().equals("help")) {
        continue;
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(sub.getKey());
      paths.add(path);
      collect(sub.getValue(), paths, path);
    }
  }

  @Test
  void version_prints_the_project_version() {
    Result result = run(Map.of(), "--version");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("krx-trader ").doesNotContain("${");
  }

  @Test
  void every_command_answers_help_with_its_usage() {
    List<List<String>> paths = new ArrayList<>();
    collect(new Main(Map.of(), InstantSource.system()).commandLine(), paths, List.of());
    assertThat(paths)
        .extracting(p -> String.join(" ", p))
        .contains("demo", "status", "db migrate", "db info");
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      Result result = run(Map.of(), args.toArray(String[]::new));
      assertThat(result.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(result.out())
          .as(String.join(" ", args))
          .contains("Usage: krx-trader " + String.join(" ", path));
    }
  }

  @Test
  void an_unknown_option_is_one_line_on_stderr_and_exit_code_two() {
    Result result = run(Map.of(), "status", "--colour");
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .contains("Unknown option: '--colour'")
        .contains("krx-trader status --help");
  }

  @Test
  void a_bad_configuration_value_names_the_key_and_exits_with_two() {
    Result result = run(Map.of("KRX_DB_POOL_SIZE", "many"), "status");
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .contains("key=db.pool-size")
        .contains("environment variable KRX_DB_POOL_SIZE")
        .contains("expected=an integer from 1 to 64");
  }

  @Test
  void an_unknown_configuration_key_is_refused() {
    Result result = run(Map.of(), "--set", "db.ulr=jdbc:postgresql://x/y", "status");
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(result.err()).contains("unknown configuration key").contains("db.ulr");
  }

  @Test
  void a_database_url_that_is_not_postgresql_is_refused_before_connecting() {
    Result result = run(Map.of(), "status", "--db-url", "mysql://localhost/krx");
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(result.err()).contains("key=db.url").contains("jdbc:postgresql://");
  }

  @Test
  void a_bad_ingest_kind_names_the_option_and_its_values_and_exits_with_two() {
    Result result = run(Map.of(), "ingest", "--kind", "ticks", "some.jsonl");
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("--kind").contains("SWING, SCALP, GAP").contains("'ticks'");
  }

  @Test
  void a_bad_duration_names_the_option_and_exits_with_two() {
    for (String[] args :
        List.of(
            new String[] {"sim", "--run-for", "x"}, new String[] {"run", "--for", "10 minutes"})) {
      Result result = run(Map.of(), args);
      assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.EXIT_USAGE);
      assertThat(result.err().lines()).hasSize(1);
      assertThat(result.err())
          .contains("option '" + args[1] + "'")
          .contains("expected a duration such as 500ms, 5s");
    }
  }

  @Test
  void run_names_an_unknown_module_and_exits_with_two() {
    // refused before any database work
    Result result = run(Map.of(), "run", "--modules", "exit,bogus");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.EXIT_USAGE);
    assertThat(result.err())
        .contains("unknown module 'bogus'")
        .contains("exit, reentry, router, execution, portfolio");
  }

  @Test
  void a_duration_out_of_range_names_the_option_and_exits_with_two() {
    Result result = run(Map.of(), "run", "--for", "8d");
    assertThat(result.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(result.err()).contains("--for must be from 1s to 7d");
  }

  @Test
  void aggregate_refuses_to_without_from_rather_than_rebuilding_every_bar() {
    // An unreachable server: the refusal must come before any database work.
    Result result =
        run(
            Map.of(),
            "aggregate",
            "--to",
            "2026-01-05",
            "--db-url",
            "jdbc:postgresql://127.0.0.1:1/none");
    assertThat(result.exitCode()).as(result.err()).isEqualTo(Main.EXIT_USAGE);
    assertThat(result.err()).contains("--to needs --from");
  }

  @Test
  void a_command_default_yields_to_the_config_file_the_environment_and_flags(@TempDir Path home)
      throws Exception {
    Files.writeString(home.resolve("krx-trader.properties"), "market.scan-interval=3s\n");
    Main main = new Main(Map.of("KRX_MARKET_SYNC_POLL_INTERVAL", "4s"), InstantSource.system());
    main.home = home;
    main.overrides.put(MarketConfig.STALE_AFTER, "6s");
    main.defaultTo(MarketConfig.SCAN_INTERVAL, "20ms");
    main.defaultTo(MarketConfig.POLL_INTERVAL, "20ms");
    main.defaultTo(MarketConfig.STALE_AFTER, "20ms");
    main.defaultTo(MarketConfig.LINGER, "7ms");
    MarketConfig market = main.context().config().market();
    assertThat(market.staleness().scanInterval()).hasSeconds(3);
    assertThat(market.queue().pollInterval()).hasSeconds(4);
    assertThat(market.staleness().staleAfter()).hasSeconds(6);
    assertThat(market.writer().linger()).hasMillis(7);
  }

  @Test
  void verbose_adds_the_stack_trace() {
    Result result = run(Map.of("KRX_DB_POOL_SIZE", "many"), "status", "--verbose");
    assertThat(result.err().lines().count()).isGreaterThan(3);
    assertThat(result.err()).contains("at io.krxtrader.config.Settings");
  }

  @Test
  void errors_collapse_causes_into_one_line_without_repeats() {
    Exception e =
        new IllegalStateException("cannot start", new RuntimeException("port\n in use", null));
    assertThat(Main.oneLine(e)).isEqualTo("cannot start: port in use");
  }
}
