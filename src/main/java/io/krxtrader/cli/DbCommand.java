package io.krxtrader.cli;

import io.krxtrader.TextTable;
import io.krxtrader.db.Database;
import io.krxtrader.db.DatabaseInspector;
import io.krxtrader.db.Migrations;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Database maintenance.",
    subcommands = {DbCommand.Migrate.class, DbCommand.Info.class})
final class DbCommand extends KrxCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return 0;
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Apply pending migrations (safe to repeat: applied ones are skipped).")
  static final class Migrate extends KrxCommand {

    @Override
    public Integer call() {
      Database database = context().database();
      Migrations.Result result = database.migrate(context().clock());
      out()
          .printf(
              "applied %d migration%s; schema is at version %s%n",
              result.applied(),
              result.applied() == 1 ? "" : "s",
              database.migrations().currentVersion().orElse("(none)"));
      return 0;
    }
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Applied migrations, schemas, and the row count of every table.")
  static final class Info extends KrxCommand {

    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Override
    public Integer call() {
      Database database = context().database();
      PrintWriter out = out();
      out.println("Migrations");
      TextTable migrations = new TextTable("version", "description", "state", "installed");
      for (Migrations.Applied m : database.migrations().applied()) {
        migrations.row(
            m.version(), m.description(), m.state(), m.installedOn().map(TIME::format).orElse(""));
      }
      for (Migrations.Applied m : database.migrations().pending()) {
        migrations.row(m.version(), m.description(), m.state(), "");
      }
      migrations.print(out, "  ");
      out.println();
      List<DatabaseInspector.TableCount> counts = new DatabaseInspector(database).rowCounts();
      out.println("Schemas");
      TextTable schemas = new TextTable("schema", "tables", "rows").rightAlign(1, 2);
      for (String schema : DatabaseInspector.SCHEMAS) {
        List<DatabaseInspector.TableCount> inSchema =
            counts.stream().filter(c -> c.schema().equals(schema)).toList();
        long rows = inSchema.stream().mapToLong(DatabaseInspector.TableCount::rows).sum();
        schemas.row(schema, inSchema.size(), String.format("%,d", rows));
      }
      schemas.print(out, "  ");
      out.println();
      out.println("Tables");
      TextTable tables = new TextTable("schema", "table", "rows").rightAlign(2);
      for (DatabaseInspector.TableCount count : counts) {
        tables.row(count.schema(), count.table(), String.format("%,d", count.rows()));
      }
      tables.print(out, "  ");
      return 0;
    }
  }
}
