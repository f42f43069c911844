package io.krxtrader.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SteppedClockTest {

  private static final Instant START = Instant.parse("2026-12-03T00:00:00Z");
  private static final Duration STEP = Duration.ofMillis(500);

  /** A wall clock that moves only by what it is asked to sleep and what a test adds. */
  private static final class FakeWall implements WallPacer {
    long now;
    long slept;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
      slept += nanos;
    }
  }

  /** Reference model of the state machine in the class comment. */
  private enum Kind {
    PAUSED,
    RUNNING,
    CLOSED
  }

  @Test
  void follows_the_transition_table_against_a_reference_model() throws Exception {
    long seed = System.nanoTime();
    System.out.println("SteppedClockTest seed=" + seed);
    Random random = new Random(seed);
    for (int run = 0; run < 200; run++) {
      FakeWall wall = new FakeWall();
      double speed = 1 + random.nextInt(400);
      long budget = Math.round(STEP.toNanos() / speed);
      SteppedClock clock = SteppedClock.paused(START, STEP, speed, wall);
      List<String> asked = new ArrayList<>();
      int participants = random.nextInt(4);
      long[] work = new long[participants];
      for (int i = 0; i < participants; i++) {
        int index = i;
        clock.join(
            Participant.of(
                "p" + i,
                now -> {
                  asked.add("p" + index + "@" + now);
                  wall.now += work[index];
                }));
      }
      Kind kind = Kind.PAUSED;
      Instant at = START;
      long steps = 0;
      for (int op = 0; op < 60; op++) {
        int choice = random.nextInt(10);
        String context = "seed=" + seed + " run=" + run + " op=" + op;
        if (choice < 6) {
          for (int i = 0; i < participants; i++) {
            work[i] = random.nextInt(3) * budget / 2;
          }
          long totalWork = 0;
          for (long w : work) {
            totalWork += w;
          }
          long sleptBefore = wall.slept;
          asked.clear();
          if (kind == Kind.RUNNING) {
            Instant next = clock.step();
            at = at.plus(STEP);
            steps++;
            assertThat(next).as(context).isEqualTo(at);
            assertThat(wall.slept - sleptBefore)
                .as(context)
                .isEqualTo(Math.max(0, budget - totalWork));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < participants; i++) {
              expected.add("p" + i + "@" + at.minus(STEP));
            }
            assertThat(asked).as(context).isEqualTo(expected);
          } else {
            assertThatThrownBy(clock::step).as(context).isInstanceOf(IllegalStateException.class);
            assertThat(asked).as(context).isEmpty();
          }
        } else if (choice < 8) {
          clock.resume();
          if (kind == Kind.PAUSED) {
            kind = Kind.RUNNING;
          }
        } else if (choice == 8 && random.nextInt(3) == 0) {
          clock.close();
          kind = Kind.CLOSED;
        }
        assertThat(clock.instant()).as(context).isEqualTo(at);
        SteppedClock.State expectedState =
            switch (kind) {
              case PAUSED -> new SteppedClock.State.Paused(at);
              case RUNNING -> new SteppedClock.State.Running(at);
              case CLOSED -> new SteppedClock.State.Closed(at);
            };
        assertThat(clock.state()).as(context).isEqualTo(expectedState);
        assertThat(clock.stats().steps()).as(context).isEqualTo(steps);
        assertThat(clock.stats().simulated()).as(context).isEqualTo(Duration.between(START, at));
      }
    }
  }

  @Test
  void a_step_waits_for_a_slow_participant_and_names_it() throws Exception {
    FakeWall wall = new FakeWall();
    SteppedClock clock = SteppedClock.paused(START, STEP, Double.POSITIVE_INFINITY, wall);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch waiting = new CountDownLatch(1);
    clock.join(Participant.of("fast", now -> {}));
    clock.join(
        Participant.of(
            "tailer",
            now -> {
              // its step costs a second of the (fake) wall clock, on the stepping thread
              wall.now += Duration.ofSeconds(1).toNanos();
              waiting.countDown();
              release.await();
            }));
    clock.resume();
    AtomicReference<Instant> stepped = new AtomicReference<>();
    Thread driver =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    stepped.set(clock.step());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    waiting.await();
    assertThat(clock.instant()).as("held while the tailer is inside its step").isEqualTo(START);
    release.countDown();
    driver.join();
    assertThat(stepped.get()).isEqualTo(START.plus(STEP));
    assertThat(clock.stats().spentIn())
        .containsEntry("tailer", Duration.ofSeconds(1))
        .containsEntry("fast", Duration.ZERO);
    assertThat(clock.stats().limitedBy()).contains("tailer");
    assertThat(clock.stats().summary()).contains("limited by the tailer");
  }

  @Test
  void a_worker_holds_steps_while_busy_and_releases_them_while_it_sleeps() throws Exception {
    SteppedClock clock = SteppedClock.paused(START, STEP, Double.POSITIVE_INFINITY);
    Worker worker = clock.worker("poller");
    CountDownLatch busy = new CountDownLatch(1);
    List<Instant> woke = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread thread =
        Thread.ofPlatform()
            .start(
                () -> {
                  worker.bind();
                  try {
                    busy.await();
                    if (clock.sleepUntil(START.plusSeconds(2))) {
                      woke.add(clock.instant());
                    }
                    clock.sleepUntil(START.plusSeconds(100));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    worker.leave();
                  }
                });
    clock.resume();
    Thread driver =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    clock.runUntil(START.plusSeconds(3));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    // Busy from creation: the clock cannot pass START until the thread sleeps on it.
    assertThat(clock.instant()).isEqualTo(START);
    busy.countDown();
    driver.join();
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(3));
    await().until(() -> !woke.isEmpty());
    // It woke exactly at the instant it slept until: the step after 2 s waited for it.
    assertThat(woke).containsExactly(START.plusSeconds(2));
    clock.close();
    thread.join();
  }
}
