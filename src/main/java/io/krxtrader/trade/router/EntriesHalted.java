package io.krxtrader.trade.router;

/**
 * Whether new entries are halted (the kill switch, issue 12's {@code halt}/{@code resume}); the
 * command line wires the real one. While halted, every decision is REJECT with reason HALTED.
 */
@FunctionalInterface
public interface EntriesHalted {

  boolean halted();

  /** Never halted: for tests and for wiring before the kill switch exists. */
  EntriesHalted NEVER = () -> false;
}
