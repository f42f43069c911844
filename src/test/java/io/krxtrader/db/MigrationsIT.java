package io.krxtrader.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.testkit.PostgresExtension;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class MigrationsIT {

  /** Tables, columns, indexes, constraints, views, functions, triggers and grants, as text. */
  private static List<String> fingerprint(Database db) {
    return Jdbi.create(db.admin())
        .withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name
                               || ' ' || data_type || ' ' || is_nullable
                          FROM information_schema.columns
                         WHERE table_schema IN ('market','trade','system','observer','portfolio')
                        UNION ALL
                        SELECT 'index ' || schemaname || '.' || indexname || ' ' || indexdef
                          FROM pg_indexes
                         WHERE schemaname IN ('market','trade','system','observer','portfolio')
                        UNION ALL
                        SELECT 'constraint ' || conrelid::regclass || ' ' || pg_get_constraintdef(oid)
                          FROM pg_constraint
                         WHERE connamespace::regnamespace::text
                               IN ('market','trade','system','observer','portfolio')
                        UNION ALL
                        SELECT 'grant ' || grantee || ' ' || privilege_type || ' '
                               || table_schema || '.' || table_name
                          FROM information_schema.role_table_grants
                         WHERE grantee LIKE 'krx\\_%'
                        UNION ALL
                        SELECT 'routine ' || routine_schema || '.' || routine_name
                          FROM information_schema.routines
                         WHERE routine_schema IN ('market','trade','system','observer','portfolio')
                        UNION ALL
                        SELECT 'trigger ' || pg_get_triggerdef(t.oid)
                          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                         WHERE NOT t.tgisinternal
                           AND c.relnamespace::regnamespace::text
                               IN ('market','trade','system','observer','portfolio')
                        UNION ALL
                        SELECT 'view ' || schemaname || '.' || viewname FROM pg_views
                         WHERE schemaname IN ('market','trade','system','observer','portfolio')
                        ORDER BY 1
                        """)
                    .mapTo(String.class)
                    .list());
  }

  @Test
  void migrations_apply_to_an_empty_database_and_a_second_run_changes_nothing() {
    try (Database db = PostgresExtension.emptyDatabase()) {
      assertThat(db.migrations().currentVersion()).isEmpty();

      Migrations.Result first = db.migrate(InstantSource.system());
      assertThat(first.applied()).isGreaterThanOrEqualTo(7);
      assertThat(db.migrations().pending()).isEmpty();
      List<String> afterFirst = fingerprint(db);
      assertThat(afterFirst).hasSizeGreaterThan(400);
      assertThat(afterFirst).anyMatch(line -> line.startsWith("trigger "));

      Migrations.Result second = db.migrate(InstantSource.system());
      assertThat(second.applied()).isZero();
      assertThat(fingerprint(db)).isEqualTo(afterFirst);
    }
  }

  @Test
  void a_migrated_database_reports_every_migration_as_applied() {
    try (Database db = PostgresExtension.freshDatabase()) {
      List<Migrations.Applied> applied = db.migrations().applied();
      assertThat(applied).extracting(Migrations.Applied::state).containsOnly("Success");
      assertThat(applied)
          .extracting(Migrations.Applied::description)
          .contains(
              "schemas and roles", "market", "trade", "system", "observer", "portfolio", "grants");
    }
  }
}
