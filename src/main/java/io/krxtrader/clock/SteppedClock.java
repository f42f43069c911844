package io.krxtrader.clock;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simulated time in steps that never outruns its participants. The clock stands at {@code t}; one
 * {@link #step} asks every {@link Participant} (in the order they joined) to finish the work due at
 * or before {@code t}, waits until the wall-clock budget of the step ({@code step / speed}) has
 * passed, and only then moves to {@code t + step}. Speed is a ceiling, not a promise: on a busy
 * machine a day takes longer and gives the same data. {@link #stats} says how fast it really ran
 * and which participant held it up most.
 *
 * <p>States ({@link State}, sealed) and transitions:
 *
 * <pre>
 * from        | event               | to
 * ------------+---------------------+-----------------------------------------------
 * Paused(t)   | resume()            | Running(t)
 * Paused(t)   | step()              | Paused(t), IllegalStateException
 * Running(t)  | step()              | Running(t + step), after every finish(t) and the budget
 * Running(t)  | resume()            | Running(t) (no-op)
 * Paused(t)   | close()             | Closed(t)
 * Running(t)  | close()             | Closed(t)
 * Closed(t)   | step()              | Closed(t), IllegalStateException
 * Closed(t)   | resume(), close()   | Closed(t) (no-op)
 * </pre>
 *
 * {@link #instant} is {@code t} in every state. {@link #sleepUntil} blocks until the clock reaches
 * an instant or closes; a {@link Worker}'s thread sleeping there holds no step up.
 *
 * <p>Thread-safe: one thread steps (the driver), any thread reads and sleeps.
 */
public final class SteppedClock implements InstantSource {

  /** The clock's state; the instant it stands at in each. */
  public sealed interface State {
    Instant at();

    /** Stands at {@code at} until {@link #resume}. */
    record Paused(Instant at) implements State {}

    /** Steps on every {@link #step}. */
    record Running(Instant at) implements State {}

    /** Finished: stands at {@code at} for good; sleepers wake. */
    record Closed(Instant at) implements State {}
  }

  /**
   * How a run went: simulated and wall time while running, the speed that gave, and where the wall
   * time of the steps went (each participant's finishing, and the budget: "speed ceiling").
   */
  public record Stats(
      Duration simulated, Duration wall, long steps, Map<String, Duration> spentIn) {

    /** The name {@link #spentIn} uses for time spent waiting for the speed ceiling. */
    public static final String CEILING = "speed ceiling";

    /** Simulated seconds per wall second (0 before the first step). */
    public double achievedSpeed() {
      return wall.isZero() ? 0 : (double) simulated.toNanos() / wall.toNanos();
    }

    /** Where the most wall time went: a participant's name or {@link #CEILING}. */
    public Optional<String> limitedBy() {
      return spentIn.entrySet().stream()
          .filter(e -> !e.getValue().isZero())
          .max(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey);
    }

    /** "ran at 143x, limited by the tailer". */
    public String summary() {
      return String.format(
          "ran at %,.0fx, limited by %s",
          achievedSpeed(), limitedBy().map(n -> "the " + n).orElse("nothing"));
    }
  }

  private final Duration step;
  private final long budgetNanos;
  private final WallPacer wall;
  private final List<Participant> participants = new ArrayList<>();
  private final Map<String, Long> spentNanos = new LinkedHashMap<>();
  private final ThreadLocal<Worker> currentWorker = new ThreadLocal<>();
  private final Instant start;
  private State state;
  private long steps;
  private long runningWallNanos;

  private SteppedClock(Instant start, Duration step, double speed, WallPacer wall) {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("a clock step must be positive [step=" + step + "]");
    }
    if (!(speed > 0)) {
      throw new IllegalArgumentException(
          "the speed ceiling must be positive [speed=" + speed + "]");
    }
    this.step = step;
    this.budgetNanos = Double.isInfinite(speed) ? 0 : Math.round(step.toNanos() / speed);
    this.wall = wall;
    this.start = start;
    this.state = new State.Paused(start);
    spentNanos.put(Stats.CEILING, 0L);
  }

  /**
   * A clock standing at {@code start} until {@link #resume}, stepping by {@code step} at most
   * {@code speed} times as fast as the wall clock ({@link Double#POSITIVE_INFINITY}: no ceiling).
   */
  public static SteppedClock paused(Instant start, Duration step, double speed) {
    return new SteppedClock(start, step, speed, WallPacer.SYSTEM);
  }

  /** Like {@link #paused(Instant, Duration, double)} on a wall clock the caller owns. */
  public static SteppedClock paused(Instant start, Duration step, double speed, WallPacer wall) {
    return new SteppedClock(start, step, speed, wall);
  }

  /** How far one step moves the clock. */
  public Duration stepSize() {
    return step;
  }

  @Override
  public synchronized Instant instant() {
    return state.at();
  }

  public synchronized State state() {
    return state;
  }

  /** Adds a participant; it is asked after those that joined before it. */
  public synchronized void join(Participant participant) {
    for (Participant p : participants) {
      if (p.name().equals(participant.name())) {
        throw new IllegalArgumentException("a participant of that name exists: " + p.name());
      }
    }
    participants.add(participant);
    spentNanos.putIfAbsent(participant.name(), 0L);
  }

  /** Removes a participant (a stopped collector); unknown ones are ignored. */
  public synchronized void leave(Participant participant) {
    participants.remove(participant);
    notifyAll();
  }

  /** A new {@link Worker} of this clock, joined as a participant. */
  public Worker worker(String name) {
    Worker worker = new Worker(this, name);
    join(worker);
    return worker;
  }

  /** Lets a paused clock step. */
  public synchronized void resume() {
    if (state instanceof State.Paused paused) {
      state = new State.Running(paused.at());
    }
  }

  /** Stops for good: steps are refused, sleepers wake. */
  public synchronized void close() {
    if (!(state instanceof State.Closed)) {
      state = new State.Closed(state.at());
      notifyAll();
    }
  }

  /**
   * One step: every participant finishes the work due at or before now, the budget passes, and the
   * clock moves on by {@link #stepSize()}. Returns the new instant. Call from one thread only.
   */
  public Instant step() throws InterruptedException {
    Instant now;
    List<Participant> asked;
    synchronized (this) {
      if (!(state instanceof State.Running running)) {
        throw new IllegalStateException("the clock does not run [state=" + state + "]");
      }
      now = running.at();
      asked = List.copyOf(participants);
    }
    long began = wall.nanoTime();
    long mark = began;
    for (Participant participant : asked) {
      participant.finish(now);
      long done = wall.nanoTime();
      spend(participant.name(), done - mark);
      mark = done;
    }
    long left = budgetNanos - (mark - began);
    if (left > 0) {
      wall.sleepNanos(left);
      spend(Stats.CEILING, left);
    }
    synchronized (this) {
      runningWallNanos += Math.max(0, wall.nanoTime() - began);
      if (!(state instanceof State.Running)) {
        return state.at();
      }
      steps++;
      state = new State.Running(now.plus(step));
      notifyAll();
      return state.at();
    }
  }

  /** Steps until the clock stands at or after {@code end} (or closes); returns where it stands. */
  public Instant runUntil(Instant end) throws InterruptedException {
    Instant now = instant();
    while (now.isBefore(end) && state() instanceof State.Running) {
      now = step();
    }
    return now;
  }

  /**
   * Blocks until the clock stands at or after {@code at}; false if it closed first. If the calling
   * thread is a {@link Worker}'s ({@link Worker#bind}), that worker counts as finished with every
   * step before {@code at} while it sleeps.
   */
  public boolean sleepUntil(Instant at) throws InterruptedException {
    Worker worker = currentWorker.get();
    synchronized (this) {
      if (worker != null) {
        worker.parkedUntil = at;
        notifyAll();
      }
      try {
        while (state.at().isBefore(at) && !(state instanceof State.Closed)) {
          wait();
        }
        return !state.at().isBefore(at);
      } finally {
        if (worker != null) {
          worker.parkedUntil = null;
        }
      }
    }
  }

  /** Sleeps {@code duration} of simulated time from now (see {@link #sleepUntil}). */
  public boolean sleep(Duration duration) throws InterruptedException {
    return sleepUntil(instant().plus(duration));
  }

  public synchronized Stats stats() {
    Map<String, Duration> spent = new LinkedHashMap<>();
    spentNanos.forEach((name, nanos) -> spent.put(name, Duration.ofNanos(nanos)));
    return new Stats(
        Duration.between(start, state.at()), Duration.ofNanos(runningWallNanos), steps, spent);
  }

  private synchronized void spend(String name, long nanos) {
    spentNanos.merge(name, Math.max(0, nanos), Long::sum);
  }

  // --- for Worker, under this clock's monitor

  void bind(Worker worker) {
    currentWorker.set(worker);
  }

  void unbind() {
    currentWorker.remove();
  }

  synchronized void awaitParked(Worker worker, Instant now) throws InterruptedException {
    while (!(state instanceof State.Closed)
        && participants.contains(worker)
        && !worker.finishedThrough(now)) {
      wait();
    }
  }

  synchronized void changed() {
    notifyAll();
  }
}
