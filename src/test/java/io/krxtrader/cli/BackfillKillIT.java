package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.SampleDataSpec;
import io.krxtrader.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A back-fill killed at random moments (kill -9, and once SIGTERM as Ctrl-C sends), then run again
 * to the end: every line is in the database exactly once. The child is the real command line in its
 * own JVM; the seed of the kill times is printed, and {@code -Dkrx.test.seed=S} replays it.
 */
class BackfillKillIT {

  @TempDir Path home;

  private static long count(String url, String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                url + "?user=postgres&password=" + PostgresExtension.superuserPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long lines(Path root, String directory) throws IOException {
    long lines = 0;
    try (Stream<Path> files = Files.walk(root.resolve(directory))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        for (byte b : Files.readAllBytes(file)) {
          if (b == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }

  private Process start(Path data, String url, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "backfill",
                data.toString(),
                "--db-url",
                url,
                "--home",
                home.toString(),
                "--progress",
                "lines",
                "--parallel",
                "2",
                "--set",
                "observer.load.chunk-lines=300"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().put("KRX_DB_PASSWORD", PostgresExtension.superuserPassword());
    return builder.start();
  }

  /** Waits until the child has started loading (its first progress line), at most 60 s. */
  private static void awaitLoading(Process process, Path log) throws Exception {
    for (int i = 0; i < 600 && process.isAlive(); i++) {
      if (Files.exists(log) && Files.readString(log).contains("loading ")) {
        return;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void killed_at_random_moments_then_run_again_every_row_is_loaded_exactly_once() throws Exception {
    long seed = Long.getLong("krx.test.seed", System.nanoTime());
    System.out.println(
        "BackfillKillIT seed " + seed + " (replay with -Dkrx.test.seed=" + seed + ")");
    Random random = new Random(seed);
    Path data = home.resolve("data");
    Observer.generateSampleData(
        new SampleDataSpec(1, 3, 1, data, 19, SampleDataSpec.DEFAULT_START));
    String url = PostgresExtension.freshDatabaseUrl();
    long scalpLines = lines(data, "scalp");

    boolean cutShort = false;
    for (int round = 0; round < 3; round++) {
      Path log = home.resolve("child-" + round + ".log");
      Process child = start(data, url, log);
      awaitLoading(child, log);
      // The first kill comes early, while most of the data still waits (a whole load takes
      // seconds: 300-line chunks): some kill must land part-way for the rerun to prove anything.
      Thread.sleep(100 + random.nextInt(round == 0 ? 400 : 1_500));
      boolean alive = child.isAlive();
      if (round == 1) {
        child.destroy(); // SIGTERM: what Ctrl-C amounts to
      } else {
        child.destroyForcibly(); // SIGKILL: kill -9
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      long ticks = count(url, "SELECT count(*) FROM observer.scalp_ticks");
      System.out.printf(
          "BackfillKillIT round %d: %s, %d of %d ticks loaded%n",
          round, alive ? "killed" : "had already finished", ticks, scalpLines);
      cutShort |= alive && ticks > 0 && ticks < scalpLines;
    }
    assertThat(cutShort)
        .as("a kill came after some ticks had loaded and before all had: the rerun has work to do")
        .isTrue();

    Result rest =
        MainTest.run(
            Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword()),
            "backfill",
            data.toString(),
            "--db-url",
            url,
            "--home",
            home.toString(),
            "--progress",
            "none");
    assertThat(rest.exitCode()).as(rest.out() + rest.err()).isZero();

    assertThat(count(url, "SELECT count(*) FROM observer.scalp_ticks")).isEqualTo(scalpLines);
    assertThat(count(url, "SELECT count(DISTINCT (symbol, event_time)) FROM observer.scalp_ticks"))
        .isEqualTo(scalpLines);
    assertThat(count(url, "SELECT count(*) FROM observer.scalp_gaps"))
        .isEqualTo(lines(data, "system"))
        .isPositive();
    assertThat(count(url, "SELECT count(*) FROM observer.swing_bars_10m"))
        .isEqualTo(lines(data, "swing"));
    assertThat(count(url, "SELECT count(*) FROM observer.ingest_files WHERE status <> 'loaded'"))
        .isZero();
    assertThat(count(url, "SELECT sum(lines_loaded) FROM observer.ingest_files"))
        .isEqualTo(scalpLines + lines(data, "system") + lines(data, "swing"));
    assertThat(count(url, "SELECT count(*) FROM observer.scalp_1m_bars"))
        .isEqualTo(
            count(
                url,
                "SELECT count(DISTINCT (symbol, date_trunc('minute', event_time)))"
                    + " FROM observer.scalp_ticks"));
    assertThat(count(url, "SELECT sum(tick_count) FROM observer.scalp_1m_bars"))
        .isEqualTo(scalpLines);
  }
}
