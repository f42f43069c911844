package io.krxtrader.kis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  /** A pacer whose time moves only when someone sleeps. */
  static final class FakePacer implements RateLimiter.Pacer {
    long now;
    final List<Long> sends = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
    }
  }

  @Test
  void calls_are_spaced_so_no_second_holds_more_than_the_rate() {
    FakePacer pacer = new FakePacer();
    RateLimiter limiter = new RateLimiter(20, pacer);
    for (int i = 0; i < 100; i++) {
      limiter.acquire();
      pacer.sends.add(pacer.now);
    }
    for (int i = 0; i + 20 < pacer.sends.size(); i++) {
      assertThat(pacer.sends.get(i + 20) - pacer.sends.get(i))
          .isGreaterThanOrEqualTo(1_000_000_000L);
    }
  }

  @Test
  void an_idle_limiter_lets_the_next_call_through_at_once() {
    FakePacer pacer = new FakePacer();
    RateLimiter limiter = new RateLimiter(2, pacer);
    limiter.acquire();
    pacer.now += 5_000_000_000L;
    long before = pacer.now;
    limiter.acquire();
    assertThat(pacer.now).isEqualTo(before);
  }
}
