package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks run end to end through the command line at a tiny size: what they report is
 * checked (their own invariants, such as no job claimed twice), never how fast anything was.
 */
class BenchIT {

  @TempDir Path home;

  @Test
  void the_queue_benchmark_claims_every_job_once_with_each_worker_count() {
    Result result =
        MainTest.run(
            Map.of(),
            "bench",
            "queue",
            "--home",
            home.toString(),
            "--jobs",
            "300",
            "--batch",
            "20",
            "--runs",
            "1",
            "--workers",
            "1,2");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern("run 1, 1 worker\\(s\\): .* duplicates 0")
        .containsPattern("run 1, 2 worker\\(s\\): .* duplicates 0")
        .contains("medians");
  }

  @Test
  void the_takeover_benchmark_sees_a_new_term_after_each_kill() {
    Result result = onFreshDatabase("takeover", "--kills", "2", "--tick", "200ms");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern("kill  1: new term after \\d+\\.\\d{3} s")
        .containsPattern("kill  2: new term after \\d+\\.\\d{3} s")
        .contains("take-over after kill -9 (tick PT0.2S, 2 kills)");
  }

  @Test
  void the_fencing_benchmark_stores_every_insert_of_both_kinds() {
    Result result = onFreshDatabase("fencing", "--rounds", "2", "--inserts", "25");
    assertThat(result.exitCode()).as(result.err()).isZero();
    // two measured rounds and one warm-up of each kind
    assertThat(result.out())
        .containsPattern("round  2: fenced +[\\d,]+ inserts/s, unfenced +[\\d,]+ inserts/s")
        .contains("intents stored: 75 fenced (term 1), 75 unfenced")
        .containsPattern("ratio \\d+\\.\\d{3} \\(target at least 0.9\\)");
  }

  /** {@code bench NAME --home HOME ARGUMENTS} on a fresh database of the test server. */
  private Result onFreshDatabase(String name, String... arguments) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--db-url",
                PostgresExtension.freshDatabaseUrl(),
                "bench",
                name,
                "--home",
                home.toString()));
    all.addAll(List.of(arguments));
    return MainTest.run(
        Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword()),
        all.toArray(String[]::new));
  }
}
