package io.krxtrader.db;

import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Read-only facts about the database for {@code status} and {@code db info}. */
public final class DatabaseInspector {

  /** The schemas krx-trader creates, in dependency order. */
  public static final List<String> SCHEMAS =
      List.of("market", "trade", "system", "observer", "portfolio");

  private final Jdbi jdbi;

  public DatabaseInspector(Database database) {
    this.jdbi = Jdbi.create(database.admin());
  }

  /** A table and its exact row count (a partitioned table counts all its partitions). */
  public record TableCount(String schema, String table, long rows) {}

  /** A module role: whether it exists, whether the login user may act as it, what it may write. */
  public record RoleStatus(
      ModuleRole module, boolean present, boolean usable, List<String> writableTables) {}

  public String serverVersion() {
    return jdbi.withHandle(h -> h.createQuery("SHOW server_version").mapTo(String.class).one());
  }

  public String databaseName() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT current_database()").mapTo(String.class).one());
  }

  public List<TableCount> rowCounts() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT n.nspname AS schema, c.relname AS table_name,
                           (xpath('/row/c/text()',
                                  query_to_xml(format('SELECT count(*) AS c FROM %I.%I',
                                                      n.nspname, c.relname),
                                               false, true, '')))[1]::text::bigint AS row_count
                      FROM pg_class c
                      JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = ANY(:schemas)
                       AND c.relkind IN ('r', 'p')
                       AND NOT c.relispartition
                       AND c.relname <> 'flyway_schema_history'
                     ORDER BY array_position(:schemas, n.nspname::text), c.relname
                    """)
                .bind("schemas", SCHEMAS.toArray(String[]::new))
                .map(
                    (rs, ctx) ->
                        new TableCount(
                            rs.getString("schema"),
                            rs.getString("table_name"),
                            rs.getLong("row_count")))
                .list());
  }

  public List<RoleStatus> roles() {
    return jdbi.withHandle(
        h ->
            Arrays.stream(ModuleRole.values())
                .map(
                    role -> {
                      boolean present =
                          h.createQuery("SELECT count(*) > 0 FROM pg_roles WHERE rolname = :r")
                              .bind("r", role.roleName())
                              .mapTo(Boolean.class)
                              .one();
                      if (!present) {
                        return new RoleStatus(role, false, false, List.of());
                      }
                      boolean usable =
                          h.createQuery(
                                  """
                                  SELECT pg_has_role(current_user, :r, 'MEMBER')
                                      OR (SELECT rolsuper FROM pg_roles
                                           WHERE rolname = current_user)
                                  """)
                              .bind("r", role.roleName())
                              .mapTo(Boolean.class)
                              .one();
                      List<String> writable =
                          h.createQuery(
                                  """
                                  SELECT n.nspname || '.' || c.relname
                                    FROM pg_class c
                                    JOIN pg_namespace n ON n.oid = c.relnamespace
                                   WHERE n.nspname = ANY(:schemas)
                                     AND c.relkind IN ('r', 'p')
                                     AND NOT c.relispartition
                                     AND (has_table_privilege(:r, c.oid, 'INSERT')
                                          OR has_table_privilege(:r, c.oid, 'UPDATE')
                                          OR has_table_privilege(:r, c.oid, 'DELETE')
                                          OR has_any_column_privilege(:r, c.oid, 'UPDATE'))
                                   ORDER BY 1
                                  """)
                              .bind("r", role.roleName())
                              .bind("schemas", SCHEMAS.toArray(String[]::new))
                              .mapTo(String.class)
                              .list();
                      return new RoleStatus(role, true, usable, writable);
                    })
                .toList());
  }
}
