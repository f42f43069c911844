package io.krxtrader.trade.reentry;

/** The kill switch as re-entry sees it: while it says halted, no ENTRY intent is written. */
@FunctionalInterface
public interface EntriesHalted {

  /** Only for tests: never halted. */
  EntriesHalted NEVER = () -> false;

  boolean halted();
}
