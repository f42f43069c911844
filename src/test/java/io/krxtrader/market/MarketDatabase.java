package io.krxtrader.market;

import io.krxtrader.config.Secret;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.testkit.PostgresExtension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Test helpers over a test database: a second pool on it, and reads as the administrator. */
final class MarketDatabase {

  private MarketDatabase() {}

  /** Another {@link Database} (its own pools) on the same database, as a second process has. */
  static Database secondPool(Database database) {
    return Database.connect(
        database.displayUrl(),
        database.user(),
        Optional.of(Secret.of(PostgresExtension.superuserPassword())));
  }

  /** Reads go through the PriceSync role's cached Jdbi: every role may read every table. */
  private static Jdbi reader(Database database) {
    return database.jdbi(ModuleRole.PRICESYNC);
  }

  static long count(Database database, String sql, Object... arguments) {
    return reader(database)
        .withHandle(
            h -> {
              var query = h.createQuery(sql);
              for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
              }
              return query.mapTo(Long.class).one();
            });
  }

  static List<Map<String, Object>> rows(Database database, String sql, Object... arguments) {
    return reader(database)
        .withHandle(
            h -> {
              var query = h.createQuery(sql);
              for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
              }
              return query.mapToMap().list();
            });
  }

  static Map<String, Object> row(Database database, String sql, Object... arguments) {
    List<Map<String, Object>> rows = rows(database, sql, arguments);
    if (rows.size() != 1) {
      throw new AssertionError("expected one row, got " + rows.size() + ": " + sql);
    }
    return rows.get(0);
  }

  static void execute(Database database, String sql) {
    Jdbi.create(database.admin()).useHandle(h -> h.execute(sql));
  }
}
