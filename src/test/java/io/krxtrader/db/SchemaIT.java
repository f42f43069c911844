package io.krxtrader.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.krxtrader.testkit.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SchemaIT {

  /** schema.table column -> "type nullability", as the database has them. */
  private static Map<String, String> actualColumns(Database db) {
    return Jdbi.create(db.admin())
        .withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT n.nspname || '.' || c.relname || ' ' || a.attname AS col,
                               format_type(a.atttypid, a.atttypmod)
                                 || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END AS ty
                          FROM pg_attribute a
                          JOIN pg_class c ON c.oid = a.attrelid
                          JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname IN ('market','trade','system','observer','portfolio')
                           AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                           AND a.attnum > 0 AND NOT a.attisdropped
                        """)
                    .setMapKeyColumn("col")
                    .setMapValueColumn("ty")
                    .collectInto(
                        new org.jdbi.v3.core.generic.GenericType<Map<String, String>>() {}));
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = SchemaIT.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    }
  }

  @Test
  void every_seed_column_exists_with_the_seeds_type_and_nullability(Database db)
      throws IOException {
    Map<String, String> actual = actualColumns(db);
    List<String> expected = resourceLines("seed-columns.txt");
    assertThat(expected).hasSizeGreaterThan(250);
    for (String line : expected) {
      String[] parts = line.split("\\s+", 3);
      String column = parts[0] + " " + parts[1];
      String typeAndNullability = parts[2].replaceAll("\\s+", " ");
      assertThat(actual).as("column %s", column).containsKey(column);
      assertThat(actual.get(column)).as("type of %s", column).isEqualTo(typeAndNullability);
    }
  }

  @Test
  void every_seed_table_exists(Database db) throws IOException {
    Map<String, String> actual = actualColumns(db);
    List<String> seedTables =
        resourceLines("seed-columns.txt").stream().map(l -> l.split("\\s+")[0]).distinct().toList();
    List<String> actualTables =
        actual.keySet().stream().map(k -> k.split(" ")[0]).distinct().sorted().toList();
    assertThat(seedTables).hasSize(28);
    assertThat(actualTables).containsAll(seedTables);
  }

  @Test
  void every_seed_index_exists(Database db) throws IOException {
    List<String> actual =
        Jdbi.create(db.admin())
            .withHandle(
                h ->
                    h.createQuery(
                            """
                            SELECT schemaname || '.' || indexname FROM pg_indexes
                             WHERE schemaname IN ('market','trade','system','observer','portfolio')
                            """)
                        .mapTo(String.class)
                        .list());
    assertThat(actual).containsAll(resourceLines("seed-indexes.txt"));
  }

  @Test
  void the_summary_view_and_the_version_trigger_exist(Database db) {
    Jdbi jdbi = Jdbi.create(db.admin());
    int views =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM pg_views WHERE schemaname = 'portfolio'"
                            + " AND viewname = 'portfolio_positions_summary'")
                    .mapTo(Integer.class)
                    .one());
    assertThat(views).isEqualTo(1);
    List<String> triggers =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'trade.positions'::regclass"
                            + " AND NOT tgisinternal")
                    .mapTo(String.class)
                    .list());
    assertThat(triggers).containsExactly("trg_positions_version");
  }

  @Test
  void tick_tables_are_partitioned_by_day_with_partitions_created_ahead(Database db) {
    Jdbi jdbi = Jdbi.create(db.admin());
    for (String table : DayPartitions.TABLES) {
      List<String> partitions =
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                              + " WHERE i.inhparent = :t::regclass ORDER BY 1")
                      .bind("t", table)
                      .mapTo(String.class)
                      .list());
      // yesterday, today and DAYS_AHEAD more, named by KST date
      assertThat(partitions).as(table).hasSizeGreaterThanOrEqualTo(DayPartitions.DAYS_AHEAD + 2);
      String today =
          java.time.LocalDate.now(io.krxtrader.krx.TradingCalendar.KST)
              .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
      assertThat(partitions).anyMatch(p -> p.endsWith("_" + today));
    }
  }

  @Test
  void a_day_partition_spans_one_kst_day(Database db) {
    String bounds =
        Jdbi.create(db.admin())
            .withHandle(
                h -> {
                  DayPartitions.ensure(
                      db.admin(),
                      "observer.scalp_ticks",
                      java.time.LocalDate.of(2026, 1, 22),
                      java.time.LocalDate.of(2026, 1, 22));
                  return h.createQuery(
                          "SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c"
                              + " WHERE c.relname = 'scalp_ticks_20260122'")
                      .mapTo(String.class)
                      .one();
                });
    // 2026-01-22 00:00 KST is 2026-01-21 15:00 UTC; the test server runs in UTC.
    assertThat(bounds)
        .isEqualTo("FOR VALUES FROM ('2026-01-21 15:00:00+00') TO ('2026-01-22 15:00:00+00')");
  }

  @Test
  void module_roles_exist_for_every_module(Database db) {
    List<String> roles =
        Jdbi.create(db.admin())
            .withHandle(
                h ->
                    h.createQuery("SELECT rolname FROM pg_roles WHERE rolname LIKE 'krx\\_%'")
                        .mapTo(String.class)
                        .list());
    assertThat(roles)
        .containsAll(
            Arrays.stream(ModuleRole.values())
                .map(ModuleRole::roleName)
                .collect(Collectors.toList()));
  }
}
