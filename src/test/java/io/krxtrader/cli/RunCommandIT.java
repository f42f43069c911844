package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.krx.TradingCalendar;
import io.krxtrader.krx.Universe;
import io.krxtrader.sim.SimulatedClock;
import io.krxtrader.sim.Simulator;
import io.krxtrader.sim.SimulatorConfig;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code krx-trader run} against the built-in simulator, stopped after a few seconds. */
class RunCommandIT {

  @TempDir Path home;

  @Test
  void run_collects_from_the_built_in_simulator_until_its_time_is_up() throws Exception {
    String url = PostgresExtension.freshDatabaseUrl();
    Result result =
        MainTest.run(
            Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword()),
            "run",
            "--for",
            "4s",
            "--home",
            home.toString(),
            "--db-url",
            url,
            "--set",
            "sim.start=2026-01-22T09:09",
            "--set",
            "sim.speed=30",
            "--set",
            "sim.symbols=3",
            "--set",
            "observer.scalp-symbols=005930,000660",
            "--set",
            "observer.swing-symbols=005930");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("running against the built-in simulator")
        .containsPattern("Track B [\\d,]+ records")
        .doesNotContain("Track B 0 records");
    Path data = home.resolve("observer/jsonl");
    assertThat(data.resolve("scalp/20260122_0900.jsonl")).exists();
    assertThat(data.resolve("swing/20260122_0910.jsonl")).exists();
    assertThat(Files.readAllLines(data.resolve("swing/20260122_0910.jsonl"))).hasSize(1);
  }

  @Test
  void a_rehearsal_runs_every_module_on_the_clock_of_a_standalone_simulator() throws Exception {
    Instant start = LocalDateTime.parse("2026-01-22T09:09").atZone(TradingCalendar.KST).toInstant();
    SimulatorConfig simulatorConfig =
        SimulatorConfig.defaults().withUniverse(Universe.defaultUniverse().first(3));
    try (Simulator simulator =
        Simulator.start(
            simulatorConfig, SimulatedClock.running(start, 30, InstantSource.system()))) {
      Result result =
          MainTest.run(
              Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword()),
              "run",
              "--for",
              "3s",
              "--start",
              "2026-01-22T09:09",
              "--speed",
              "30",
              "--no-web",
              "--home",
              home.toString(),
              "--db-url",
              PostgresExtension.freshDatabaseUrl(),
              "--set",
              "kis.rest-url=" + simulator.restUrl(),
              "--set",
              "kis.ws-url=" + simulator.wsUrl(),
              "--set",
              "kis.naver-url=" + simulator.naverUrl(),
              "--set",
              "observer.scalp-symbols=005930",
              "--set",
              "observer.swing-symbols=005930");
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out())
          .contains("running against KIS simulator")
          .contains("rehearsing from 2026-01-22T09:")
          .contains("at 30.0 times real speed");
      try (Stream<Path> files = Files.list(home.resolve("observer/jsonl/scalp"))) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .isNotEmpty()
            .allMatch(name -> name.startsWith("20260122_09"));
      }
    }
  }

  @Test
  void a_rehearsal_is_refused_against_kis_paper() throws Exception {
    Result result =
        MainTest.run(
            Map.of(
                "KRX_DB_PASSWORD", PostgresExtension.superuserPassword(),
                "KRX_KIS_APP_KEY", "key",
                "KRX_KIS_APP_SECRET", "secret",
                "KRX_KIS_ACCOUNT", "12345678-01",
                "KRX_KIS_HTS_ID", "trader"),
            "run",
            "--start",
            "2026-01-22T09:09",
            "--home",
            home.toString(),
            "--db-url",
            PostgresExtension.freshDatabaseUrl(),
            "--set",
            "kis.environment=paper");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err())
        .contains("--start and --speed rehearse against a simulator only [kis.environment=paper]")
        .doesNotContain("secret");
  }
}
