package io.krxtrader.db;

import static io.krxtrader.db.ModuleRole.EXECUTION;
import static io.krxtrader.db.ModuleRole.EXIT;
import static io.krxtrader.db.ModuleRole.OBSERVER;
import static io.krxtrader.db.ModuleRole.PORTFOLIO;
import static io.krxtrader.db.ModuleRole.PRICESYNC;
import static io.krxtrader.db.ModuleRole.REENTRY;
import static io.krxtrader.db.ModuleRole.ROUTER;
import static io.krxtrader.db.ModuleRole.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.krxtrader.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ownership is enforced by PostgreSQL: each module's connections may write the tables it owns and
 * get SQLSTATE 42501 on every other table. The expected owners below are written from
 * 01-system.md's table, not read from the migrations.
 */
@ExtendWith(PostgresExtension.class)
class GrantsIT {

  private enum Op {
    INSERT,
    UPDATE,
    DELETE
  }

  private static final Set<Op> ALL = EnumSet.allOf(Op.class);

  /** Schemas owned whole by one module: every table in them, including ones added later. */
  private static final Map<String, ModuleRole> SCHEMA_OWNERS =
      Map.of("market", PRICESYNC, "observer", OBSERVER, "portfolio", PORTFOLIO);

  /** Tables in the shared schemas: who may do what. */
  private static final Map<String, Map<ModuleRole, Set<Op>>> TABLE_WRITERS =
      Map.ofEntries(
          Map.entry(
              "trade.positions",
              Map.of(
                  EXIT,
                  EnumSet.of(Op.INSERT, Op.UPDATE),
                  EXECUTION,
                  EnumSet.of(Op.INSERT, Op.UPDATE))),
          Map.entry("trade.position_state", Map.of(EXIT, ALL)),
          Map.entry("trade.exit_signals", Map.of(EXIT, ALL)),
          Map.entry("trade.reentry_candidates", Map.of(REENTRY, ALL)),
          Map.entry("trade.picks", Map.of(ROUTER, ALL)),
          Map.entry("trade.pick_decisions", Map.of(ROUTER, ALL)),
          // issue 15: the router's producer runs
          Map.entry("trade.pick_runs", Map.of(ROUTER, ALL)),
          Map.entry("trade.pick_producers", Map.of(ROUTER, ALL)),
          Map.entry("trade.orders", Map.of(EXECUTION, ALL)),
          Map.entry("trade.fills", Map.of(EXECUTION, ALL)),
          Map.entry("trade.holdings", Map.of(EXECUTION, ALL)),
          Map.entry("trade.holding_mismatches", Map.of(EXECUTION, ALL)),
          Map.entry("trade.execution_notices", Map.of(EXECUTION, ALL)),
          // issue 16: a creator asks execution to withdraw its intent
          Map.entry(
              "trade.intent_cancellations",
              Map.of(
                  EXIT, EnumSet.of(Op.INSERT),
                  REENTRY, EnumSet.of(Op.INSERT),
                  ROUTER, EnumSet.of(Op.INSERT),
                  PORTFOLIO, EnumSet.of(Op.INSERT))),
          Map.entry(
              "trade.order_intents",
              Map.of(
                  EXIT, EnumSet.of(Op.INSERT),
                  REENTRY, EnumSet.of(Op.INSERT),
                  ROUTER, EnumSet.of(Op.INSERT),
                  PORTFOLIO, EnumSet.of(Op.INSERT),
                  EXECUTION, EnumSet.of(Op.UPDATE))),
          Map.entry("system.process_locks", everyModule()),
          Map.entry("system.leader_terms", everyModule(EnumSet.of(Op.INSERT))),
          Map.entry("system.current_terms", everyModule(EnumSet.of(Op.INSERT, Op.UPDATE))),
          Map.entry("system.halt_events", Map.of(SYSTEM, EnumSet.of(Op.INSERT))),
          Map.entry("system.halt_state", Map.of(SYSTEM, EnumSet.of(Op.UPDATE))),
          Map.entry(
              "system.refused_actions",
              Map.of(
                  EXIT, EnumSet.of(Op.INSERT),
                  REENTRY, EnumSet.of(Op.INSERT),
                  ROUTER, EnumSet.of(Op.INSERT),
                  EXECUTION, EnumSet.of(Op.INSERT),
                  PORTFOLIO, EnumSet.of(Op.INSERT),
                  SYSTEM, EnumSet.of(Op.INSERT))),
          // web (issue 17): the operator surface's record of state-changing requests
          Map.entry("system.web_actions", Map.of(SYSTEM, EnumSet.of(Op.INSERT))),
          Map.entry("system.flyway_schema_history", Map.of()));

  private static Map<ModuleRole, Set<Op>> everyModule() {
    return everyModule(ALL);
  }

  private static Map<ModuleRole, Set<Op>> everyModule(Set<Op> ops) {
    Map<ModuleRole, Set<Op>> all = new java.util.EnumMap<>(ModuleRole.class);
    for (ModuleRole role : ModuleRole.values()) {
      all.put(role, ops);
    }
    return all;
  }

  private static Set<Op> expected(String table, ModuleRole role) {
    String schema = table.substring(0, table.indexOf('.'));
    if (SCHEMA_OWNERS.containsKey(schema)) {
      return SCHEMA_OWNERS.get(schema) == role ? ALL : Set.of();
    }
    Map<ModuleRole, Set<Op>> writers = TABLE_WRITERS.get(table);
    assertThat(writers).as("owner of %s must be declared in this test", table).isNotNull();
    return writers.getOrDefault(role, Set.of());
  }

  /**
   * A write that touches no row: privileges are checked when a statement starts, so this tests them
   * without needing valid data for every table.
   */
  private static String statement(Op op, String table, String firstColumn) {
    // execution's UPDATE on order_intents is granted for the status column only
    String column = table.equals("trade.order_intents") ? "status" : firstColumn;
    return switch (op) {
      case INSERT ->
          "INSERT INTO "
              + table
              + " ("
              + firstColumn
              + ") SELECT "
              + firstColumn
              + " FROM "
              + table
              + " WHERE false";
      case UPDATE -> "UPDATE " + table + " SET " + column + " = " + column + " WHERE false";
      case DELETE -> "DELETE FROM " + table + " WHERE false";
    };
  }

  @Test
  void every_module_may_write_exactly_the_tables_it_owns(Database db) throws SQLException {
    List<String[]> tables =
        Jdbi.create(db.admin())
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            SELECT n.nspname || '.' || c.relname,
                                   (SELECT a.attname FROM pg_attribute a
                                     WHERE a.attrelid = c.oid AND a.attnum = 1)
                              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                             WHERE n.nspname IN ('market','trade','system','observer','portfolio')
                               AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                             ORDER BY 1
                            """)
                        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                        .list());
    assertThat(tables).hasSizeGreaterThanOrEqualTo(29);
    List<String> wrong = new ArrayList<>();
    for (ModuleRole role : ModuleRole.values()) {
      try (Connection connection = db.dataSource(role).getConnection()) {
        connection.setAutoCommit(true);
        for (String[] table : tables) {
          Set<Op> allowed = expected(table[0], role);
          for (Op op : Op.values()) {
            String sql = statement(op, table[0], table[1]);
            boolean permitted = tryExecute(connection, sql);
            if (permitted != allowed.contains(op)) {
              wrong.add(
                  role.roleName() + (permitted ? " may " : " may not ") + op + " " + table[0]);
            }
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  private static boolean tryExecute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
      return true;
    } catch (SQLException e) {
      if ("42501".equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  @Test
  void modules_write_real_rows_to_their_own_tables_and_are_refused_elsewhere(Database db) {
    LocalDate day = LocalDate.of(2026, 1, 22);
    DayPartitions.ensure(db.dataSource(OBSERVER), "observer.scalp_ticks", day, day);
    DayPartitions.ensure(db.dataSource(PRICESYNC), "market.prices_ticks", day, day);

    db.jdbi(OBSERVER)
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO observer.scalp_ticks (symbol, event_time, last_price, session_id)"
                        + " VALUES ('005930', '2026-01-22T09:31:05+09:00', 71500, 's')"));
    db.jdbi(PRICESYNC)
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO market.prices_ticks (ts, symbol, source, last_price) VALUES"
                        + " ('2026-01-22T09:31:05+09:00', '005930', 'KIS_WS', 71500)"));

    assertThatThrownBy(
            () ->
                db.jdbi(EXIT)
                    .useHandle(
                        h ->
                            h.execute(
                                "INSERT INTO market.prices_best (symbol, ts, source, last_price,"
                                    + " freshness_ms, quality_score) VALUES ('005930', now(),"
                                    + " 'KIS_WS', 71500, 0, 100)")))
        .hasMessageContaining("permission denied for table prices_best");
    assertThatThrownBy(
            () ->
                db.jdbi(PRICESYNC)
                    .useHandle(
                        h ->
                            h.execute(
                                "INSERT INTO observer.scalp_ticks (symbol, event_time, session_id)"
                                    + " VALUES ('005930', '2026-01-22T09:31:06+09:00', 's')")))
        .hasMessageContaining("permission denied");
  }

  @Test
  void execution_may_move_an_intents_status_but_not_its_quantity(Database db) {
    UUID intent = UUID.randomUUID();
    db.jdbi(EXIT)
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO trade.order_intents (intent_id, symbol, side, intent_type, qty,"
                        + " order_type, reason_code, action_key, created_by) VALUES (?, '005930',"
                        + " 'SELL', 'EXIT_FULL', 10, 'MKT', 'SL2', ?, 'exit')",
                    intent,
                    intent + ":SL2"));
    db.jdbi(EXECUTION)
        .useHandle(
            h ->
                h.execute(
                    "UPDATE trade.order_intents SET status = 'SUBMITTING', updated_ts = now()"
                        + " WHERE intent_id = ?",
                    intent));
    assertThatThrownBy(
            () ->
                db.jdbi(EXECUTION)
                    .useHandle(
                        h ->
                            h.execute(
                                "UPDATE trade.order_intents SET qty = 20 WHERE intent_id = ?",
                                intent)))
        .hasMessageContaining("permission denied");
    assertThatThrownBy(
            () ->
                db.jdbi(EXIT)
                    .useHandle(
                        h ->
                            h.execute(
                                "UPDATE trade.order_intents SET status = 'CANCELLED' WHERE"
                                    + " intent_id = ?",
                                intent)))
        .hasMessageContaining("permission denied");
  }

  @Test
  void only_owners_may_create_day_partitions(Database db) {
    LocalDate day = LocalDate.of(2025, 6, 2);
    DayPartitions.ensure(db.dataSource(OBSERVER), "observer.scalp_ticks", day, day);
    assertThatThrownBy(
            () ->
                DayPartitions.ensure(
                    db.dataSource(EXIT), "observer.scalp_ticks", day.plusDays(1), day.plusDays(1)))
        .hasRootCauseMessage("ERROR: permission denied for function ensure_day_partitions");
  }

  @Test
  void applying_the_grants_again_removes_privileges_the_file_does_not_grant() throws Exception {
    String grants;
    try (var in = GrantsIT.class.getResourceAsStream("/db/migration/R__grants.sql")) {
      grants = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    // A database of its own: a failure here must not leave stray privileges for the other tests.
    try (Database db = PostgresExtension.freshDatabase();
        Connection connection = db.admin().getConnection();
        Statement statement = connection.createStatement()) {
      // What an earlier version of the file might have granted.
      statement.execute("GRANT CREATE ON SCHEMA trade TO krx_exit");
      statement.execute(
          "GRANT EXECUTE ON FUNCTION system.ensure_day_partitions(regclass, date, date)"
              + " TO krx_exit");
      statement.execute(
          "ALTER DEFAULT PRIVILEGES IN SCHEMA trade GRANT INSERT ON TABLES TO krx_exit");
      statement.execute(
          "ALTER DEFAULT PRIVILEGES IN SCHEMA trade GRANT USAGE ON SEQUENCES TO krx_exit");

      statement.execute(grants);

      try (var rs =
          statement.executeQuery(
              """
              SELECT has_schema_privilege('krx_exit', 'trade', 'CREATE'),
                     has_function_privilege('krx_exit',
                         'system.ensure_day_partitions(regclass, date, date)', 'EXECUTE'),
                     (SELECT count(*) FROM pg_default_acl d, aclexplode(d.defaclacl) a
                       WHERE a.grantee = 'krx_exit'::regrole AND a.privilege_type <> 'SELECT')
              """)) {
        rs.next();
        assertThat(rs.getBoolean(1)).as("CREATE on schema trade").isFalse();
        assertThat(rs.getBoolean(2)).as("EXECUTE on ensure_day_partitions").isFalse();
        assertThat(rs.getLong(3)).as("default privileges beyond SELECT").isZero();
      }
    }
  }
}
