package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
}
