package io.krxtrader.observer;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.db.DatabaseConfig;
import io.krxtrader.testkit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** validate passes on clean data and fails on each kind of seeded violation. */
@ExtendWith(PostgresExtension.class)
class ValidateIT {

  @TempDir Path data;
  @TempDir Path home;

  @AfterEach
  void clean(Database db) {
    ObserverFixture.truncateObserverTables(db);
  }

  private Observer loaded(Database db) {
    ObserverFixture.generate(data, 1, 2, 3);
    Observer observer = ObserverFixture.observer(db, home, 20_000, LoadHooks.NONE);
    assertThat(observer.backfill(data, new LoadOptions(2, true), LoadListener.NONE).failures())
        .isEmpty();
    return observer;
  }

  private static QualityCheck check(ValidationReport report, String table, String rule) {
    return report.checks().stream()
        .filter(c -> c.table().equals(table) && c.rule().startsWith(rule))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void clean_data_passes_every_check_and_violations_are_counted(Database db) throws IOException {
    Observer observer = loaded(db);
    ValidationReport clean = observer.validate(Optional.empty(), Optional.of(data));
    assertThat(clean.checks()).hasSize(11).noneMatch(QualityCheck::violated);
    assertThat(clean.files()).isNotEmpty().noneMatch(FileCheck::violated);
    assertThat(clean.files()).allMatch(f -> f.fileLines() == f.ledgerLines());
    assertThat(clean.unloadedFiles()).isEmpty();
    assertThat(clean.ticks().symbols()).isEqualTo(2);
    assertThat(clean.gaps()).isNotEmpty();
    assertThat(clean.violated()).isFalse();

    Jdbi admin = Jdbi.create(db.admin());
    admin.useHandle(
        h -> {
          h.execute(
              "UPDATE observer.swing_bars_10m SET bid_price = ask_price WHERE ctid ="
                  + " (SELECT min(ctid) FROM observer.swing_bars_10m)");
          h.execute(
              "UPDATE observer.scalp_1m_bars SET open = high + 1 WHERE ctid IN"
                  + " (SELECT ctid FROM observer.scalp_1m_bars LIMIT 2)");
        });
    ValidationReport broken = observer.validate(Optional.empty(), Optional.empty());
    assertThat(broken.violated()).isTrue();
    assertThat(check(broken, "observer.swing_bars_10m", "bid price at or above").count())
        .isEqualTo(1);
    assertThat(check(broken, "observer.scalp_1m_bars", "open or close outside").count())
        .isEqualTo(2);
    assertThat(check(broken, "observer.scalp_ticks", "bid price at or above").count()).isZero();
  }

  @Test
  void a_lost_row_a_changed_file_and_an_unloaded_file_show_up(Database db) throws IOException {
    Observer observer = loaded(db);
    Jdbi admin = Jdbi.create(db.admin());
    admin.useHandle(
        h ->
            h.execute(
                "DELETE FROM observer.scalp_ticks WHERE id = (SELECT min(id) FROM"
                    + " observer.scalp_ticks)"));
    Path scalp = ObserverFixture.files(data, RecordKind.SCALP).get(3);
    Files.writeString(scalp, "{\"late\": true}\n", StandardOpenOption.APPEND);
    Files.writeString(data.resolve("scalp").resolve("20260105_1600.jsonl"), "{}\n");

    ValidationReport report = observer.validate(Optional.empty(), Optional.of(data));
    assertThat(report.violated()).isTrue();
    assertThat(report.files().stream().filter(FileCheck::violated))
        .singleElement()
        .satisfies(f -> assertThat(f.problem()).contains("rows for"));
    assertThat(report.files().stream().mapToLong(FileCheck::waiting).sum()).isEqualTo(1);
    assertThat(report.unloadedFiles()).singleElement().asString().endsWith("20260105_1600.jsonl");

    // a file rewritten after its load is a conflict once a load has looked at it
    byte[] bytes = Files.readAllBytes(scalp);
    bytes[10] = (byte) (bytes[10] == '1' ? '2' : '1');
    Files.write(scalp, bytes);
    observer.loadFile(scalp, RecordKind.SCALP);
    assertThat(observer.validate(Optional.empty(), Optional.empty()).files())
        .filteredOn(f -> f.status() == LoadStatus.CONFLICT)
        .singleElement()
        .satisfies(f -> assertThat(f.problem()).startsWith("conflict"));
  }

  @Test
  void validate_needs_only_one_connection_of_the_pool() {
    DatabaseConfig onePerPool =
        new DatabaseConfig(
            Optional.of(PostgresExtension.freshDatabaseUrl()),
            "postgres",
            Optional.of(Secret.of(PostgresExtension.superuserPassword())),
            home.resolve("postgres"),
            0,
            false,
            1);
    try (Database small = Database.open(onePerPool)) {
      ValidationReport report =
          ObserverFixture.observer(small, home, 1_000, LoadHooks.NONE)
              .validate(Optional.empty(), Optional.empty());
      assertThat(report.files()).isEmpty();
      assertThat(report.violated()).isFalse();
    }
  }
}
