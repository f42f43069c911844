package io.krxtrader.db;

/**
 * Every advisory-lock space krx-trader uses, in one place, so that no two modules ever pick the
 * same number. A lock is a two-integer key (space, id); {@code pg_locks} shows it as {@code
 * classid} = space, {@code objid} = id, {@code objsubid} = 2. Migration V22 repeats this list for
 * whoever reads the database without the code.
 */
public enum LockSpace {
  /**
   * Session lock: the one acting leader of a module; the id names the module (system's leaders).
   */
  LEADER(1001, Scope.SESSION),
  /**
   * Transaction lock, taken in SQL by {@code system.ensure_day_partitions}: two creators of one
   * table's day partitions queue instead of failing on each other (id = parent oid mod 2^31-1).
   */
  PARTITION_CREATE(1702, Scope.TRANSACTION),
  /** Session lock: the PriceSync process with this node number is alive (id = node number). */
  SYNC_NODE(1705, Scope.SESSION),
  /**
   * Retired: was the session lock of the one PriceSync process that ran the stale scan and the job
   * rescue (id 1). That leader is now {@code system.LeaderName.PRICESYNC_SCAN} in {@link #LEADER};
   * the number stays here so that it is never reused.
   */
  PRICESYNC_SCAN(1706, Scope.SESSION),
  /**
   * Transaction lock: serialises reads and rewrites of one symbol bucket's best price and freshness
   * rows (id = bucket).
   */
  PRICE_BUCKET(1707, Scope.TRANSACTION);

  /** Whether a lock of this space lasts for the session or ends with the transaction. */
  public enum Scope {
    SESSION,
    TRANSACTION
  }

  private final int number;
  private final Scope scope;

  LockSpace(int number, Scope scope) {
    this.number = number;
    this.scope = scope;
  }

  /** The first integer of the key ({@code classid} in {@code pg_locks}). */
  public int number() {
    return number;
  }

  public Scope scope() {
    return scope;
  }

  /** The lock of {@code id} in this space. */
  public LockKey key(int id) {
    return new LockKey(this, id);
  }
}
