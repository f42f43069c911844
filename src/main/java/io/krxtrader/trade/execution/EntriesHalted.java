package io.krxtrader.trade.execution;

/**
 * Whether the kill switch stops new entries now (issue 12's halt/resume; wired by the command
 * line). Exits still go out when it is on.
 */
@FunctionalInterface
public interface EntriesHalted {

  boolean halted();

  /** Never halted: for tests and tools that have no kill switch. */
  static EntriesHalted never() {
    return () -> false;
  }
}
