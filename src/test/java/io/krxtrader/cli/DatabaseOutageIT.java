package io.krxtrader.cli;

import static io.krxtrader.cli.SimulatedSessions.DAY;
import static io.krxtrader.cli.SimulatedSessions.kst;
import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.db.Database;
import io.krxtrader.db.EmbeddedPostgresServer;
import io.krxtrader.observer.FileCheck;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.RecordKind;
import io.krxtrader.observer.TimeRange;
import io.krxtrader.observer.ValidationReport;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live dual write survives the database going away mid-session: the collectors keep appending
 * to their files, and when the database is back the tailer catches up from the ledger, so that in
 * the end files and tables hold the same records — none lost, none doubled — and PriceSync, which
 * writes from memory, retries instead of dropping.
 */
class DatabaseOutageIT {

  @TempDir Path home;

  @Test
  void stopping_the_database_mid_session_loses_no_record() throws Exception {
    Path dataDirectory = home.resolve("postgres");
    AtomicReference<EmbeddedPostgresServer> server =
        new AtomicReference<>(EmbeddedPostgresServer.start(dataDirectory, 0, false));
    int port = server.get().port();
    AppConfig config = SimulatedSessions.config(home);
    try (Database database =
        Database.connect(
            server.get().jdbcUrl(EmbeddedPostgresServer.DATABASE),
            server.get().superuser(),
            Optional.of(server.get().password()))) {
      database.migrate(InstantSource.system());
      SimulatedDay.Run run =
          SimulatedSessions.run(
              database,
              config,
              "09:03",
              "09:16",
              List.of(
                  new SimulatedDay.Fault(
                      kst("09:06"), "stop the database", s -> server.get().close()),
                  new SimulatedDay.Fault(
                      kst("09:11"),
                      "start the database again",
                      s -> server.set(EmbeddedPostgresServer.start(dataDirectory, port, false)))));
      assertThat(run.complete()).isTrue();
      // PriceSync held its events through the outage (its queue is far larger than 5 minutes of
      // three symbols) and retried, rather than dropping a batch the dying connection refused.
      assertThat(run.pricesDropped()).isZero();

      Observer observer = new Observer(database, config.observer(), InstantSource.system());
      ValidationReport report =
          observer.validate(
              Optional.of(TimeRange.kstDays(DAY, DAY)),
              Optional.of(config.observer().dataDirectory()));
      for (FileCheck file : report.files()) {
        assertThat(file.problem()).as(file.path()).isEmpty();
        assertThat(file.waiting()).as(file.path()).isZero();
      }
      long scalpLines =
          report.files().stream()
              .filter(f -> f.kind() == RecordKind.SCALP)
              .mapToLong(FileCheck::fileLines)
              .sum();
      assertThat(scalpLines).isEqualTo(run.collected().scalpRecords());
      // Ticks of the minutes the database was away reached the table after it came back.
      long duringOutage =
          Jdbi.create(database.admin())
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT count(*) FROM observer.scalp_ticks"
                                  + " WHERE event_time >= :from AND event_time < :to")
                          .bind("from", kst("09:07"))
                          .bind("to", kst("09:10"))
                          .mapTo(Long.class)
                          .one());
      assertThat(duringOutage).isGreaterThan(3 * 3 * 60); // 3 symbols, 3 minutes, > 1 Hz each
      long total =
          Jdbi.create(database.admin())
              .withHandle(
                  h ->
                      h.createQuery("SELECT count(*) FROM observer.scalp_ticks")
                          .mapTo(Long.class)
                          .one());
      assertThat(total).isEqualTo(run.collected().scalpRecords());
    } finally {
      server.get().close();
    }
  }
}
