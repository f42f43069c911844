package io.krxtrader.market;

import io.krxtrader.krx.Symbol;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Symbols fall into {@value #COUNT} buckets by a hash that every JVM computes alike ({@link
 * String#hashCode} is specified). Whoever reads and rewrites a symbol's {@code freshness} or {@code
 * prices_best} row first takes its bucket's transaction-level advisory lock (1707, bucket): two
 * PriceSync processes, or a writer and the stale scan, then merge one after the other and never
 * overwrite each other with a state computed from an older snapshot. Buckets are locked in
 * ascending order, so two lockers cannot deadlock.
 */
final class SymbolBuckets {

  static final int COUNT = 64;
  static final int LOCK_CLASS = 1707;

  private static final String LOCK =
      "SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", b) FROM unnest(?::int[]) AS b";

  private SymbolBuckets() {}

  static int of(Symbol symbol) {
    return Math.floorMod(symbol.code().hashCode(), COUNT);
  }

  /** Locks the buckets of {@code symbols} until the transaction ends (autocommit must be off). */
  static void lock(Connection connection, Collection<Symbol> symbols) throws SQLException {
    TreeSet<Integer> buckets = new TreeSet<>();
    for (Symbol symbol : symbols) {
      buckets.add(of(symbol));
    }
    int[] sorted = buckets.stream().mapToInt(Integer::intValue).toArray();
    try (PreparedStatement statement = connection.prepareStatement(LOCK)) {
      statement.setObject(1, sorted);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          // each row is one lock taken, in array order
        }
      }
    }
  }
}
