package io.krxtrader.kis;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Spaces REST calls evenly at {@code rate} per second, across every thread of the process that uses
 * the same app key (KIS counts per app key, not per connection). A caller reserves the next free
 * slot and sleeps until it; nobody holds a lock while sleeping. Even spacing rather than bursts of
 * {@code rate}, because KIS's per-second window does not line up with ours.
 */
final class RateLimiter {

  /** The time source of a limiter; real code uses {@link #SYSTEM}, tests a fake. */
  interface Pacer {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
  }

  static final Pacer SYSTEM =
      new Pacer() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(nanos);
        }
      };

  private static final ConcurrentMap<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

  private final Pacer pacer;
  private volatile long intervalNanos;
  private long nextSlot;
  private boolean started;

  /** On a stepped clock: a slot the clock stepped over is still used (see {@link #onClock}). */
  private final boolean keepPassedSlots;

  RateLimiter(int perSecond, Pacer pacer) {
    this(perSecond, pacer, false);
  }

  private RateLimiter(int perSecond, Pacer pacer, boolean keepPassedSlots) {
    this.pacer = pacer;
    this.keepPassedSlots = keepPassedSlots;
    setRate(perSecond);
  }

  /**
   * The limiter of one app key (identified by a hash, never the key). A later caller with another
   * rate changes the rate for everyone: there is one budget per key.
   */
  static RateLimiter shared(String appKeyId, int perSecond) {
    RateLimiter limiter =
        SHARED.computeIfAbsent(appKeyId, id -> new RateLimiter(perSecond, SYSTEM));
    limiter.setRate(perSecond);
    return limiter;
  }

  /**
   * A limiter of its own on a stepped clock: calls spaced in simulated time, the pauses slept on
   * the clock (so a {@link io.krxtrader.clock.Worker} waiting here holds no step up).
   */
  static RateLimiter onClock(int perSecond, io.krxtrader.clock.SteppedClock clock) {
    return new RateLimiter(
        perSecond,
        new Pacer() {
          @Override
          public long nanoTime() {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
          }

          @Override
          public void sleepNanos(long nanos) throws InterruptedException {
            if (!clock.sleepUntil(clock.instant().plusNanos(nanos))) {
              throw new KisException("the simulated clock stopped");
            }
          }
        },
        true);
  }

  void setRate(int perSecond) {
    // 2 % slower than the nominal rate: network jitter must not push two calls into one window.
    this.intervalNanos = Math.round(1_020_000_000.0 / perSecond);
  }

  /** Blocks until this caller may send one call. */
  void acquire() {
    long wait;
    synchronized (this) {
      long now = pacer.nanoTime();
      // On a stepped clock time jumps by whole steps: the slots within the step just passed are
      // still free (up to a second's worth), so the rate is kept on average, not lost to the grid.
      long floor = keepPassedSlots ? now - 1_000_000_000L + intervalNanos : now;
      long slot = !started || floor - nextSlot > 0 ? Math.max(now, floor) : nextSlot;
      started = true;
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      sleep(wait);
    }
  }

  void sleep(long nanos) {
    try {
      pacer.sleepNanos(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KisException("interrupted while waiting for the KIS rate limit", e);
    }
  }
}
