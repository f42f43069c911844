package io.krxtrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.cli.MainTest.Result;
import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.system.Halt;
import io.krxtrader.system.Halt.Flow;
import io.krxtrader.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code halt} and {@code resume} as an operator types them, while a module on another connection
 * pool (as another process would be) decides its entries and exits in its own transactions.
 */
class HaltCommandsIT {

  private static final Instant T0 = Instant.parse("2026-03-02T00:30:00Z");

  @TempDir Path home;

  private Result run(String url, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db-url", url, "--home", home.toString()));
    return MainTest.run(
        Map.of("KRX_DB_PASSWORD", PostgresExtension.superuserPassword()),
        all.toArray(String[]::new));
  }

  private static boolean admit(Database module, ModuleRole role, Flow flow, String key)
      throws Exception {
    try (Connection connection = module.dataSource(role).getConnection()) {
      connection.setAutoCommit(false);
      boolean admitted =
          Halt.admit(connection, role, flow, Optional.of(key), Optional.of("005930"), T0);
      connection.commit();
      return admitted;
    }
  }

  @Test
  void halt_refuses_entries_of_another_client_until_resume_and_everything_is_recorded()
      throws Exception {
    String url = PostgresExtension.freshDatabaseUrl();
    try (Database module =
        Database.connect(
            url, "postgres", Optional.of(Secret.of(PostgresExtension.superuserPassword())))) {
      assertThat(admit(module, ModuleRole.ROUTER, Flow.ENTRY, "e1")).isTrue();

      Result halt = run(url, "halt", "--reason", "feed looks wrong");
      assertThat(halt.exitCode()).as(halt.err()).isZero();
      assertThat(halt.out())
          .contains("HALTED: entries (exits still go out)")
          .contains("reason: feed looks wrong")
          .contains("by " + System.getProperty("user.name") + "@");

      assertThat(admit(module, ModuleRole.ROUTER, Flow.ENTRY, "e2")).isFalse();
      assertThat(admit(module, ModuleRole.EXIT, Flow.EXIT, "x1")).isTrue();

      Result both = run(url, "halt", "--exits-too");
      assertThat(both.exitCode()).as(both.err()).isZero();
      assertThat(both.out())
          .contains("was already halted: HALTED: entries (exits still go out)")
          .contains("HALTED: entries and exits");
      assertThat(admit(module, ModuleRole.EXIT, Flow.EXIT, "x2")).isFalse();

      Result resume = run(url, "resume");
      assertThat(resume.exitCode()).as(resume.err()).isZero();
      assertThat(resume.out())
          .contains("resumed; it was HALTED: entries and exits")
          .contains("running (not halted)");
      assertThat(admit(module, ModuleRole.ROUTER, Flow.ENTRY, "e3")).isTrue();

      Result again = run(url, "resume");
      assertThat(again.out()).contains("resumed; it was not halted");

      assertThat(Halt.refusals(module, 10))
          .extracting(r -> r.module() + " " + r.actionKey().orElseThrow() + " " + r.reason())
          .containsExactly(
              "exit x2 exit refused: halted", "router e2 entry refused: halted (feed looks wrong)");
    }
  }
}
