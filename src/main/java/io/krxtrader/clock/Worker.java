package io.krxtrader.clock;

import java.time.Instant;

/**
 * A participant that is one thread: busy while it runs, finished with every step before the instant
 * it sleeps until ({@link SteppedClock#sleepUntil}). Track A is one: between polls it sleeps until
 * the next boundary, and the clock steps freely; during a poll (REST calls, the rate limit's pauses
 * on the clock) it holds each step until it sleeps again. A worker counts as busy from its creation
 * until its thread first sleeps on the clock or it {@link #leave}s, so that no step passes before
 * the thread has started.
 */
public final class Worker implements Participant {

  private final SteppedClock clock;
  private final String name;
  volatile Instant parkedUntil;

  Worker(SteppedClock clock, String name) {
    this.clock = clock;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** Makes the calling thread this worker's: its sleeps on the clock release the steps. */
  public void bind() {
    clock.bind(this);
  }

  /** The thread is done: no step waits for it any more. */
  public void leave() {
    clock.unbind();
    clock.leave(this);
  }

  @Override
  public void finish(Instant now) throws InterruptedException {
    clock.awaitParked(this, now);
  }

  boolean finishedThrough(Instant now) {
    Instant until = parkedUntil;
    return until != null && until.isAfter(now);
  }

  @Override
  public String toString() {
    return name;
  }
}
