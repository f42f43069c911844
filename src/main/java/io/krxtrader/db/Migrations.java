package io.krxtrader.db;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema's history: ordered SQL files in {@code src/main/resources/db/migration}, applied by
 * Flyway, recorded in {@code system.flyway_schema_history}. Applying them again is a no-op.
 */
public final class Migrations {

  private final Flyway flyway;

  Migrations(DataSource admin) {
    this.flyway =
        Flyway.configure()
            .dataSource(admin)
            .locations("classpath:db/migration")
            .schemas("system")
            .defaultSchema("system")
            // Our SQL uses no placeholders; ${...} in a function body must stay as written.
            .placeholderReplacement(false)
            .validateMigrationNaming(true)
            .load();
  }

  /** The outcome of {@link #migrate()}. */
  public record Result(int applied) {}

  /** One applied (or pending) migration. */
  public record Applied(
      String version, String description, String state, Optional<Instant> installedOn) {}

  public Result migrate() {
    MigrateResult result = flyway.migrate();
    return new Result(result.migrationsExecuted);
  }

  public List<Applied> applied() {
    return Arrays.stream(flyway.info().applied()).map(Migrations::describe).toList();
  }

  public List<Applied> pending() {
    return Arrays.stream(flyway.info().pending()).map(Migrations::describe).toList();
  }

  public Optional<String> currentVersion() {
    MigrationInfo current = flyway.info().current();
    return current == null || current.getVersion() == null
        ? Optional.empty()
        : Optional.of(current.getVersion().getVersion());
  }

  private static Applied describe(MigrationInfo info) {
    return new Applied(
        info.getVersion() == null ? "repeatable" : info.getVersion().getVersion(),
        info.getDescription(),
        info.getState().getDisplayName(),
        Optional.ofNullable(info.getInstalledOn()).map(java.util.Date::toInstant));
  }
}
