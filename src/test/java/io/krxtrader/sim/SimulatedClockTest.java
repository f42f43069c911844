package io.krxtrader.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

  static final Instant START = Instant.parse("2026-11-23T00:00:00Z");

  /** A wall clock that moves only when told. */
  static final class Wall implements InstantSource {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    void move(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final Wall wall = new Wall();

  @Test
  void a_running_clock_moves_speed_times_as_fast_as_the_wall() {
    SimulatedClock clock = SimulatedClock.running(START, 600, wall);
    assertThat(clock.instant()).isEqualTo(START);
    wall.move(Duration.ofMillis(100));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void advance_adds_to_what_the_speed_gives() {
    SimulatedClock clock = SimulatedClock.running(START, 600, wall);
    wall.move(Duration.ofMillis(100));
    clock.advance(Duration.ofMinutes(1));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(120));
  }

  @Test
  void a_paused_clock_stands_until_resumed_and_then_runs_from_where_it_stood() {
    SimulatedClock clock = SimulatedClock.paused(START, 600, wall);
    wall.move(Duration.ofSeconds(5));
    assertThat(clock.instant()).isEqualTo(START);
    clock.resume();
    assertThat(clock.instant()).isEqualTo(START);
    wall.move(Duration.ofMillis(100));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
    clock.resume();
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void a_clock_at_speed_zero_moves_only_by_advance() {
    SimulatedClock clock = SimulatedClock.running(START, 0, wall);
    wall.move(Duration.ofHours(1));
    assertThat(clock.instant()).isEqualTo(START);
    clock.advance(Duration.ofSeconds(3));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(3));
  }
}
