package io.krxtrader.cli;

import io.krxtrader.TextTable;
import io.krxtrader.db.Database;
import io.krxtrader.db.DatabaseInspector;
import io.krxtrader.db.EmbeddedPostgresServer;
import io.krxtrader.db.Migrations;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** The report {@code status} prints (and {@code demo} starts with). */
final class StatusReport {

  private StatusReport() {}

  static void print(PrintWriter out, Database database) {
    DatabaseInspector inspector = new DatabaseInspector(database);
    Migrations migrations = database.migrations();
    Optional<EmbeddedPostgresServer> embedded = database.embeddedServer();

    out.println("krx-trader " + Main.Version.current());
    out.println();
    out.println("Database");
    String version = inspector.serverVersion();
    if (embedded.isPresent()) {
      EmbeddedPostgresServer server = embedded.get();
      out.printf(
          "  server       embedded PostgreSQL %s, %s in %.1f s%n",
          version,
          server.owner() ? "started" : "joined (run by another krx-trader process)",
          server.startupTime().toMillis() / 1000.0);
      out.printf(
          "  data         %s (%s)%n",
          server.dataDirectory(),
          server.reused()
              ? "reused: it holds the data of earlier runs"
              : "new: created by this run");
      out.printf(
          "  address      127.0.0.1:%d, database %s%n", server.port(), inspector.databaseName());
      for (String note : server.recoveryNotes()) {
        out.println("  recovery     " + note);
      }
    } else {
      out.printf("  server       PostgreSQL %s at %s%n", version, database.displayUrl());
      out.printf("  database     %s as %s%n", inspector.databaseName(), database.user());
    }
    List<Migrations.Applied> applied = migrations.applied();
    List<Migrations.Applied> pending = migrations.pending();
    out.printf(
        "  migrations   %s, %d applied, %d pending%s%n",
        migrations.currentVersion().map(v -> "version " + v).orElse("empty database"),
        applied.size(),
        pending.size(),
        pending.isEmpty() ? "" : " (run 'krx-trader db migrate')");
    out.println();
    out.println("Module roles");
    TextTable roles = new TextTable("role", "present", "usable", "writes").rightAlign(3);
    for (DatabaseInspector.RoleStatus role : inspector.roles()) {
      roles.row(
          role.module().roleName(),
          role.present() ? "yes" : "MISSING",
          role.usable() ? "yes" : "no",
          role.writableTables().size()
              + (role.writableTables().size() == 1 ? " table" : " tables"));
    }
    roles.print(out, "  ");
    out.flush();
  }
}
