package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.system.Halt;
import io.krxtrader.system.LeaderName;
import io.krxtrader.system.Leadership;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} on a database where this process leads two modules, one of them with a heartbeat
 * stamped long ago (as a frozen leader's would be), and the kill switch is on.
 */
class StatusCommandIT {

  @TempDir Path home;

  private Result run(String url, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db-url", url, "--home", home.toString()));
    return MainTest.run(
        Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword()),
        all.toArray(String[]::new));
  }

  @Test
  void status_shows_leaders_with_their_terms_the_stale_one_and_the_halt() throws Exception {
    String url = PostgresExtension.freshDatabaseUrl();
    InstantSource now = InstantSource.system();
    InstantSource longAgo = InstantSource.offset(now, Duration.ofMinutes(-2));
    try (Database db =
            Database.connect(
                url, "postgres", Optional.of(Secret.of(PostgresExtension.superuserPassword())));
        Leadership exit = Leadership.elect(db, LeaderName.EXIT, "live-1", now);
        Leadership router = Leadership.elect(db, LeaderName.ROUTER, "frozen-1", longAgo)) {
      assertThat(exit.isLeading()).isTrue();
      assertThat(router.isLeading()).isTrue();
      Halt.halt(db, Optional.of("drill"), false, Halt.Operator.current(), now);

      Result status = run(url, "status");
      assertThat(status.exitCode()).as(status.err()).isZero();
      long pid = ProcessHandle.current().pid();
      assertThat(status.out())
          .contains("Module roles")
          .containsPattern("exit +live-1 +\\S+ +" + pid + " +1 +\\d s ago *\\n")
          .containsPattern("router +frozen-1 +\\S+ +" + pid + " +1 +2 min \\d+ s ago +STALE")
          .containsPattern("reentry +- +no leader")
          .contains("HALTED: entries (exits still go out)")
          .contains("reason: drill")
          .contains("refused since the halt: 0 actions")
          .contains("Stale symbols\n  none")
          .contains("blocked until `reconcile`)\n  none");

      Result json = run(url, "status", "--format", "json");
      assertThat(json.exitCode()).as(json.err()).isZero();
      assertThat(json.out())
          .startsWith("{")
          .contains("\"schema_version\"")
          .contains("\"instance\" : \"frozen-1\"")
          .contains("\"stale\" : true")
          .contains("\"halted\" : true");

      Result watch = run(url, "status", "--watch", "10ms", "--frames", "2");
      assertThat(watch.exitCode()).as(watch.err()).isZero();
      String[] frames =
          watch.out().split(java.util.regex.Pattern.quote(StatusCommand.CLEAR_SCREEN), -1);
      assertThat(frames).hasSize(3);
      assertThat(frames[0]).isEmpty();
      assertThat(frames[1]).contains("Leaders (at ").contains("HALTED");
      assertThat(frames[2]).contains("Leaders (at ").contains("HALTED");

      Result csv = run(url, "status", "--format", "csv");
      assertThat(csv.exitCode()).isEqualTo(Main.EXIT_USAGE);
    }
  }
}
