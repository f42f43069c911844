package io.krxtrader.cli;

import io.krxtrader.db.Database;
import io.krxtrader.db.DatabaseInspector;
import io.krxtrader.db.Migrations;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the database (location, version, migrations), the module roles, who leads each module",
      "(STALE after 15 s without a heartbeat), the kill switch and the stale symbols."
    })
final class StatusCommand extends KrxCommand {

  /** ANSI: cursor home, clear the screen (a terminal's {@code clear}). */
  static final String CLEAR_SCREEN = "\033[H\033[2J";

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
  OutputFormat format = OutputFormat.TABLE;

  @Option(
      names = "--watch",
      arity = "0..1",
      fallbackValue = "2s",
      paramLabel = "INTERVAL",
      description = "Refresh every INTERVAL (default 2s) until Ctrl-C.")
  Duration watch;

  /** For tests: stop watching after this many refreshes. */
  @Option(names = "--frames", hidden = true, paramLabel = "N")
  int frames = Integer.MAX_VALUE;

  @Override
  public Integer call() throws SQLException {
    if (format == OutputFormat.CSV) {
      throw new ParameterException(spec.commandLine(), "status prints table or json, not csv");
    }
    if (watch != null && (watch.isZero() || watch.isNegative())) {
      throw new ParameterException(spec.commandLine(), "--watch needs a positive interval");
    }
    Database database = context().database();
    if (watch == null) {
      frame(out(), database, false);
      return 0;
    }
    for (int frame = 0; frame < frames; frame++) {
      if (frame > 0) {
        try {
          Thread.sleep(watch);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
      frame(out(), database, format == OutputFormat.TABLE);
    }
    return 0;
  }

  /** One report: the database section, then (on a migrated database) the operator's sections. */
  private void frame(PrintWriter out, Database database, boolean clear) throws SQLException {
    boolean migrated = database.migrations().pending().isEmpty();
    if (format == OutputFormat.JSON) {
      out.println(OperatorStatus.toJson(json(database, migrated)));
      out.flush();
      return;
    }
    if (clear) {
      out.print(CLEAR_SCREEN);
    }
    StatusReport.print(out, database);
    out.println();
    if (migrated) {
      OperatorStatus.read(database, context().clock().instant()).print(out);
    } else {
      out.println("Leaders, the kill switch and stale symbols: run 'krx-trader db migrate' first");
      out.flush();
    }
  }

  private Map<String, Object> json(Database database, boolean migrated) throws SQLException {
    Migrations migrations = database.migrations();
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("version", Main.Version.current());
    Map<String, Object> db = new LinkedHashMap<>();
    db.put("server_version", new DatabaseInspector(database).serverVersion());
    db.put("url", database.displayUrl());
    db.put("schema_version", migrations.currentVersion().orElse(null));
    db.put("pending_migrations", migrations.pending().size());
    object.put("database", db);
    if (migrated) {
      object.putAll(OperatorStatus.read(database, context().clock().instant()).json());
    }
    return object;
  }
}
