package io.krxtrader.system;

import io.krxtrader.db.LockKey;
import io.krxtrader.db.LockSpace;
import io.krxtrader.db.ModuleRole;
import java.util.Locale;

/**
 * Every leader krx-trader elects: one acting process per name on one database. Each is the session
 * lock ({@link LockSpace#LEADER} = 1001, {@link #id()}); {@link #EXIT} is the seed's {@code
 * pg_try_advisory_lock(1001)} for {@code exit_engine_leader}. The {@link #lockName()} is the key of
 * its rows in {@code system.process_locks}, {@code system.leader_terms} and {@code
 * system.current_terms}.
 */
public enum LeaderName {
  EXIT(1, ModuleRole.EXIT, "exit_engine_leader"),
  REENTRY(2, ModuleRole.REENTRY, "reentry_leader"),
  ROUTER(3, ModuleRole.ROUTER, "router_leader"),
  EXECUTION(4, ModuleRole.EXECUTION, "execution_leader"),
  PORTFOLIO(5, ModuleRole.PORTFOLIO, "portfolio_leader"),
  /** The observer's Track A collector. */
  TRACK_A(6, ModuleRole.OBSERVER, "observer_track_a_leader"),
  /** The observer's Track B collector. */
  TRACK_B(7, ModuleRole.OBSERVER, "observer_track_b_leader"),
  /**
   * PriceSync's stale scan and job rescue ({@code market.PriceSync}; it replaced the retired {@link
   * LockSpace#PRICESYNC_SCAN} lock).
   */
  PRICESYNC_SCAN(8, ModuleRole.PRICESYNC, "pricesync_scan_leader");

  private final int id;
  private final ModuleRole role;
  private final String lockName;

  LeaderName(int id, ModuleRole role, String lockName) {
    this.id = id;
    this.role = role;
    this.lockName = lockName;
  }

  /** The second integer of the lock key in {@link LockSpace#LEADER}. */
  public int id() {
    return id;
  }

  public LockKey lockKey() {
    return LockSpace.LEADER.key(id);
  }

  /** The role the leader's connections act as. */
  public ModuleRole role() {
    return role;
  }

  /** The leader's name in the {@code system} tables. */
  public String lockName() {
    return lockName;
  }

  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
