package io.krxtrader.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.testkit.PostgresExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Leaders in separate JVMs ({@link LeaderProcess}): the leader killed with {@code kill -9} is
 * replaced within the spec's 15 s, and a leader frozen with SIGSTOP is replaced (its session ends
 * after 15 s idle) and, resumed with SIGCONT, lands not a single write of its old term (the witness
 * table {@code public.fenced_writes} stamps every write with its term).
 */
class LeaderProcessIT {

  private static final LeaderName LEADER = LeaderName.EXECUTION;

  /** The spec's bound for a take-over after the leader died. */
  private static final Duration TAKE_OVER = Duration.ofSeconds(15);

  private final List<Process> children = new ArrayList<>();

  private record Child(Process process, BlockingQueue<String> lines) {

    /**
     * The next line starting with {@code prefix}, within {@code within}; other lines are skipped.
     */
    String await(String prefix, Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("no line '" + prefix + "...' within " + within);
        }
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    }

    void signal(String signal) throws IOException, InterruptedException {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
      assertThat(kill.waitFor()).isZero();
    }
  }

  private Child start(String url, String instance) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                LeaderProcess.class.getName(),
                url,
                LEADER.name(),
                instance,
                "200")
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("KRX_TEST_DB_PASSWORD", PostgresExtension.superuserPassword());
    Process process = builder.start();
    children.add(process);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the child is gone
              }
            });
    return new Child(process, lines);
  }

  @AfterEach
  void killChildren() {
    for (Process child : children) {
      try {
        new ProcessBuilder("kill", "-CONT", String.valueOf(child.pid())).start().waitFor();
      } catch (IOException | InterruptedException e) {
        // killed below anyway
      }
      child.destroyForcibly();
    }
  }

  @Test
  void a_killed_leader_is_replaced_in_time_and_a_frozen_one_lands_no_write_after_its_successor()
      throws Exception {
    String url = PostgresExtension.freshDatabaseUrl();
    try (Database db =
        Database.connect(
            url, "postgres", Optional.of(Secret.of(PostgresExtension.superuserPassword())))) {
      try (Connection admin = db.admin().getConnection();
          Statement statement = admin.createStatement()) {
        statement.execute(
            "CREATE TABLE public.fenced_writes (id bigserial PRIMARY KEY, leader text NOT NULL,"
                + " term bigint NOT NULL)");
        statement.execute("GRANT SELECT, INSERT ON public.fenced_writes TO krx_execution");
        statement.execute("GRANT USAGE ON SEQUENCE public.fenced_writes_id_seq TO krx_execution");
      }

      Child first = start(url, "first");
      assertThat(first.await("LEADING ", Duration.ofMinutes(1))).isEqualTo("LEADING 1");
      first.await("WROTE 1", Duration.ofMinutes(1));
      Child second = start(url, "second");

      first.process().destroyForcibly(); // kill -9
      long killed = System.nanoTime();
      assertThat(second.await("LEADING ", TAKE_OVER)).isEqualTo("LEADING 2");
      System.out.printf(
          "take-over after kill -9: %d ms%n", (System.nanoTime() - killed) / 1_000_000);
      second.await("WROTE 2", Duration.ofMinutes(1));

      Child third = start(url, "third");
      // third is standby: it runs before the freeze, so its JVM start is not in the measurement
      assertThat(third.lines()).doesNotContain("LEADING 3");
      second.signal("STOP");
      assertThat(third.await("LEADING ", Duration.ofMinutes(1))).isEqualTo("LEADING 3");
      long term2WritesWhenTerm3Began = writes(db, 2);

      second.signal("CONT");
      second.await("REFUSED 2", Duration.ofMinutes(1));
      third.await("WROTE 3", Duration.ofMinutes(1));
      assertThat(writes(db, 2)).isEqualTo(term2WritesWhenTerm3Began);
      assertThat(writes(db, 3)).isPositive();
      assertThat(second.lines()).doesNotContain("WROTE 2");
    }
  }

  private static long writes(Database db, long term) throws SQLException {
    try (Connection admin = db.admin().getConnection();
        PreparedStatement statement =
            admin.prepareStatement(
                "SELECT count(*) FROM public.fenced_writes WHERE leader = ? AND term = ?")) {
      statement.setString(1, LEADER.lockName());
      statement.setLong(2, term);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
