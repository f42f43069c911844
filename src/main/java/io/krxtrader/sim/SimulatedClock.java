package io.krxtrader.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Simulated time that other modules can share for a simulated day: it starts at a chosen instant
 * and runs {@code speed} times faster than the wall clock (60 runs a 6.5-hour session in 6.5
 * minutes); speed 0 stands still and moves only by {@link #advance}. A clock may start paused and
 * run from {@link #resume}, so that a simulated day does not begin while its participants are still
 * starting. Never runs backwards.
 */
public final class SimulatedClock implements InstantSource {

  private final InstantSource wall;
  private final double speed;
  private final Instant simulatedAnchor;
  private Instant wallAnchor;
  private boolean paused;
  private Duration manual = Duration.ZERO;
  private Instant lastReported = Instant.MIN;

  private SimulatedClock(InstantSource wall, Instant start, double speed, boolean paused) {
    if (speed < 0 || speed > 100_000) {
      throw new IllegalArgumentException("clock speed must be 0 to 100000 [speed=" + speed + "]");
    }
    this.wall = wall;
    this.speed = speed;
    this.wallAnchor = wall.instant();
    this.simulatedAnchor = start;
    this.paused = paused;
  }

  /** A clock at {@code start}, running {@code speed} times as fast as {@code wall}. */
  public static SimulatedClock running(Instant start, double speed, InstantSource wall) {
    return new SimulatedClock(wall, start, speed, false);
  }

  /**
   * A clock that stands at {@code start} until {@link #resume}, then runs like {@link #running}.
   */
  public static SimulatedClock paused(Instant start, double speed, InstantSource wall) {
    return new SimulatedClock(wall, start, speed, true);
  }

  /** Lets a paused clock run from where it stands; no-op if it runs already. */
  public synchronized void resume() {
    if (paused) {
      wallAnchor = wall.instant();
      paused = false;
    }
  }

  /** A clock that stands at {@code start} until advanced. */
  public static SimulatedClock fixed(Instant start) {
    return new SimulatedClock(InstantSource.fixed(Instant.EPOCH), start, 0, false);
  }

  public double speed() {
    return speed;
  }

  @Override
  public synchronized Instant instant() {
    Instant now = simulatedAnchor.plus(manual);
    if (speed > 0 && !paused) {
      long wallNanos = Duration.between(wallAnchor, wall.instant()).toNanos();
      now = now.plusNanos(Math.round(wallNanos * speed));
    }
    if (now.isBefore(lastReported)) {
      now = lastReported;
    }
    lastReported = now;
    return now;
  }

  /** Moves simulated time forward (on top of whatever the speed adds). */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("simulated time never runs backwards");
    }
    manual = manual.plus(duration);
  }
}
