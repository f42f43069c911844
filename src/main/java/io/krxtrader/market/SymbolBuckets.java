package io.krxtrader.market;

import io.krxtrader.db.AdvisoryLock;
import io.krxtrader.db.LockSpace;
import io.krxtrader.krx.Symbol;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Symbols fall into {@value #COUNT} buckets by a hash that every JVM computes alike ({@link
 * String#hashCode} is specified). Whoever reads and rewrites a symbol's {@code freshness} or {@code
 * prices_best} row first takes its bucket's transaction-level advisory lock {@link
 * LockSpace#PRICE_BUCKET} (1707, bucket): two PriceSync processes, or a writer and the stale scan,
 * then merge one after the other and never overwrite each other with a state computed from an older
 * snapshot. Buckets are locked in ascending order ({@link AdvisoryLock#lockForTransaction}), so two
 * lockers cannot deadlock.
 */
final class SymbolBuckets {

  static final int COUNT = 64;

  private SymbolBuckets() {}

  static int of(Symbol symbol) {
    return Math.floorMod(symbol.code().hashCode(), COUNT);
  }

  /** Locks the buckets of {@code symbols} until the transaction ends (autocommit must be off). */
  static void lock(Connection connection, Collection<Symbol> symbols) throws SQLException {
    int[] buckets = new int[symbols.size()];
    int i = 0;
    for (Symbol symbol : symbols) {
      buckets[i++] = of(symbol);
    }
    AdvisoryLock.lockForTransaction(connection, LockSpace.PRICE_BUCKET, buckets);
  }
}
