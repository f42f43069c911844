package io.krxtrader.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Leaders in separate JVMs ({@link LeaderProcess}): the leader killed with {@code kill -9} is
 * replaced by the standby, and a leader frozen with SIGSTOP is replaced (its session ends after 15
 * s idle) and, resumed with SIGCONT, lands not a single write of its old term (the witness table
 * {@code public.fenced_writes} stamps every write with its term). The test drives every child's
 * rounds and awaits what they print; how fast a take-over is lives in {@code bench takeover}.
 */
class LeaderProcessIT {

  private static final LeaderName LEADER = LeaderName.EXECUTION;

  /** How long any awaited step may take before the test gives up (not a speed target). */
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private final List<Process> children = new ArrayList<>();

  private record Child(Process process, BlockingQueue<String> lines, List<String> seen) {

    /** Asks for one round (a frozen child reads it when it resumes). */
    void round() {
      try {
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
      } catch (IOException e) {
        // a killed child reads no more rounds
      }
    }

    /** Takes what the child printed so far; the first line starting with {@code prefix}, if any. */
    Optional<String> take(String prefix) {
      List<String> fresh = new ArrayList<>();
      lines.drainTo(fresh);
      seen.addAll(fresh);
      return fresh.stream().filter(l -> l.startsWith(prefix)).findFirst();
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
                instance)
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
    return new Child(process, lines, new ArrayList<>());
  }

  /**
   * Gives every child in {@code ticking} rounds until {@code child} prints a line starting with
   * {@code prefix}, and returns that line (lines it printed before this call are not looked at).
   */
  private static String until(Child child, String prefix, Child... ticking) {
    AtomicReference<String> line = new AtomicReference<>();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (Child c : ticking) {
                c.round();
              }
              child.take(prefix).ifPresent(line::set);
              return line.get() != null;
            });
    return line.get();
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
      assertThat(until(first, "LEADING ", first)).isEqualTo("LEADING 1");
      until(first, "WROTE 1", first);
      Child second = start(url, "second");
      until(second, "STANDBY", first, second); // the leader keeps heartbeating meanwhile

      first.process().destroyForcibly(); // kill -9
      assertThat(until(second, "LEADING ", second)).isEqualTo("LEADING 2");
      until(second, "WROTE 2", second);

      Child third = start(url, "third");
      until(third, "STANDBY", second, third);
      second.signal("STOP");
      assertThat(until(third, "LEADING ", third)).isEqualTo("LEADING 3");
      long term2WritesWhenTerm3Began = writes(db, 2);

      second.signal("CONT");
      until(second, "REFUSED 2", second, third);
      until(third, "WROTE 3", third, second);
      assertThat(writes(db, 2)).isEqualTo(term2WritesWhenTerm3Began);
      assertThat(writes(db, 3)).isPositive();
      second.take("");
      List<String> sinceRefused =
          second.seen().subList(second.seen().indexOf("REFUSED 2"), second.seen().size());
      assertThat(sinceRefused).doesNotContain("WROTE 2");
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
