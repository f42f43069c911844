package io.krxtrader.clock;

import java.time.Duration;

/**
 * A count that one side raises and another waits for: the simulator counts the WebSocket frames it
 * sent, the client those it received, and the step is done when the second reaches the first.
 * Thread-safe.
 */
public final class Tally {

  private long count;

  public synchronized void add(long n) {
    count += n;
    notifyAll();
  }

  public synchronized long get() {
    return count;
  }

  /** Blocks until the count reaches {@code target}; false if {@code timeout} passed first. */
  public synchronized boolean awaitAtLeast(long target, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count < target) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }
}
