package io.krxtrader.trade;

import io.krxtrader.KrxTraderException;
import io.krxtrader.db.Database;
import io.krxtrader.db.ModuleRole;
import io.krxtrader.system.Halt;
import java.sql.SQLException;

/**
 * Whether the kill switch stops new entries now: what the router, the re-entry engine and execution
 * ask before an entry. {@link #killSwitch} reads {@code system.halt_state}; a module that also
 * needs the answer fixed until its own commit calls {@link Halt#admit} in that transaction.
 */
@FunctionalInterface
public interface EntriesHalted {

  boolean halted();

  /** Never halted: for tests and tools that have no kill switch. */
  EntriesHalted NEVER = () -> false;

  /** The database's kill switch, read on {@code role}'s pool at every call. */
  static EntriesHalted killSwitch(Database db, ModuleRole role) {
    return () -> {
      try {
        return Halt.current(db, role).refuses(Halt.Flow.ENTRY);
      } catch (SQLException e) {
        throw new KrxTraderException(
            "cannot read the kill switch, so no entry is decided [role=" + role.displayName() + "]",
            e);
      }
    };
  }
}
