package io.krxtrader.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.KrxTraderException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server survives what a laptop does to it: restarts, kill -9, a second process. */
class EmbeddedPostgresServerIT {

  @TempDir Path home;

  private Path dataDirectory() {
    return home.resolve("postgres");
  }

  private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
    try (Connection c =
            server.superuserDataSource(EmbeddedPostgresServer.DATABASE).getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(EmbeddedPostgresServer server, String sql) throws SQLException {
    try (Connection c =
            server.superuserDataSource(EmbeddedPostgresServer.DATABASE).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void a_second_start_reuses_the_data_directory_and_sees_the_first_runs_rows() throws Exception {
    try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDirectory(), 0, false)) {
      assertThat(first.reused()).isFalse();
      assertThat(first.owner()).isTrue();
      execute(first, "CREATE TABLE kept (x int)");
      execute(first, "INSERT INTO kept VALUES (42)");
    }
    try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDirectory(), 0, false)) {
      assertThat(second.reused()).isTrue();
      assertThat(second.recoveryNotes()).isEmpty();
      assertThat(count(second, "SELECT x FROM kept")).isEqualTo(42);
    }
  }

  @Test
  void connections_without_the_password_are_refused() {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory(), 0, false)) {
      assertThatThrownBy(
              () ->
                  DriverManager.getConnection(
                          server.jdbcUrl("krx") + "?user=postgres&password=guess")
                      .close())
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
      Path passwordFile = dataDirectory().resolve(EmbeddedPostgresServer.PASSWORD_FILE);
      assertThat(passwordFile).exists();
      assertThat(passwordFile.toFile().canRead()).isTrue();
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  uncheckedPermissions(passwordFile)))
          .isEqualTo("rw-------");
    }
  }

  private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPermissions(
      Path file) {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_stale_postmaster_pid_of_a_dead_process_is_removed() throws Exception {
    try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDirectory(), 0, false)) {
      execute(first, "SELECT 1");
    }
    Process dead = new ProcessBuilder("true").start();
    dead.waitFor();
    Files.writeString(
        dataDirectory().resolve("postmaster.pid"),
        dead.pid() + "\n" + dataDirectory() + "\n1700000000\n5432\n/tmp\nlocalhost\n1 2\nready\n");
    try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDirectory(), 0, false)) {
      assertThat(second.recoveryNotes())
          .containsExactly("removed the stale postmaster.pid of process " + dead.pid());
      assertThat(count(second, "SELECT 1")).isEqualTo(1);
    }
  }

  @Test
  void a_half_created_data_directory_is_initialised_again() throws Exception {
    Files.createDirectories(dataDirectory().resolve("global"));
    Files.createDirectories(dataDirectory().resolve("pg_wal"));
    Files.writeString(dataDirectory().resolve("PG_VERSION"), "18\n");
    Files.writeString(dataDirectory().resolve("postgresql.auto.conf"), "");
    Files.writeString(dataDirectory().resolve("epg-lock"), "");
    Files.writeString(dataDirectory().resolve(EmbeddedPostgresServer.PASSWORD_FILE), "lost");
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory(), 0, false)) {
      assertThat(server.reused()).isFalse();
      assertThat(server.recoveryNotes())
          .containsExactly(
              "re-initialised a data directory left half-created by an interrupted first start");
      assertThat(count(server, "SELECT 1")).isEqualTo(1);
    }
  }

  @Test
  void a_directory_holding_other_files_is_never_touched() throws Exception {
    Files.createDirectories(dataDirectory());
    Files.writeString(dataDirectory().resolve("thesis.tex"), "years of work");
    assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory(), 0, false))
        .isInstanceOf(KrxTraderException.class)
        .hasMessageContaining("is not a krx-trader database");
    assertThat(dataDirectory().resolve("thesis.tex")).hasContent("years of work");
  }

  @Test
  void a_half_created_data_directory_holding_a_foreign_file_is_refused_and_kept() throws Exception {
    Files.createDirectories(dataDirectory().resolve("global"));
    Files.writeString(dataDirectory().resolve("PG_VERSION"), "18\n");
    Files.writeString(dataDirectory().resolve("thesis.tex"), "years of work");
    assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory(), 0, false))
        .isInstanceOf(KrxTraderException.class)
        .hasMessageContaining("dataDirectory=" + dataDirectory())
        .hasMessageContaining("entry=thesis.tex");
    assertThat(dataDirectory().resolve("thesis.tex")).hasContent("years of work");
    assertThat(dataDirectory().resolve("PG_VERSION")).hasContent("18\n");
  }

  @Test
  void a_server_orphaned_by_a_killed_owner_is_stopped_and_the_next_start_works() throws Exception {
    Process owner = startOwnerProcess();
    readReady(owner);
    long orphanPid = PostmasterPid.read(dataDirectory()).orElseThrow().pid();
    owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: no shutdown hook runs
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

    try (EmbeddedPostgresServer next = EmbeddedPostgresServer.start(dataDirectory(), 0, false)) {
      assertThat(next.owner()).isTrue();
      assertThat(next.recoveryNotes())
          .contains("stopped the server (pid " + orphanPid + ") left running by a killed run");
      assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(count(next, "SELECT 1")).isEqualTo(1);
    }
  }

  @Test
  void a_second_process_joins_the_server_the_first_one_runs() throws Exception {
    Process owner = startOwnerProcess();
    int port = readReady(owner);
    try (EmbeddedPostgresServer joined = EmbeddedPostgresServer.start(dataDirectory(), 0, false)) {
      assertThat(joined.owner()).isFalse();
      assertThat(joined.port()).isEqualTo(port);
      execute(joined, "CREATE TABLE shared (x int)");
    } finally {
      try (Writer stdin = new OutputStreamWriter(owner.getOutputStream(), StandardCharsets.UTF_8)) {
        stdin.write("stop\n");
      }
      assertThat(owner.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    // The joining process did not stop the server it did not own; the owner stopped it cleanly.
    assertThat(PostmasterPid.read(dataDirectory())).isEmpty();
  }

  private Process startOwnerProcess() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedServerProcess.class.getName(),
                dataDirectory().toString()))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static int readReady(Process process) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("ready ")) {
        return Integer.parseInt(line.substring(6));
      }
    }
    throw new IllegalStateException("the server process ended before it was ready");
  }
}
