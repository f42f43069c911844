package io.krxtrader.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand; safe to read from other threads. */
public final class TestClock implements InstantSource {

  private volatile Instant now;

  public TestClock(Instant start) {
    this.now = start;
  }

  /** 2026-01-22 (a Thursday, a trading day) at the given KST time. */
  public static TestClock kst(String time) {
    return new TestClock(Instant.parse("2026-01-22T" + time + "+09:00"));
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  public void set(Instant instant) {
    now = instant;
  }
}
