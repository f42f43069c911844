package io.krxtrader.runtime;

import io.krxtrader.system.Leadership;
import io.krxtrader.system.Leadership.Term;
import io.krxtrader.system.StaleTermException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One module's thread: ticks its {@link Leadership} every {@code tick} of real time (a standby
 * tries to lead, a leader heartbeats) and, on every pass ({@code pass} of real time apart), runs
 * each {@link Job} that is due by the app clock. A leader-only job runs only while leading, with
 * the current term. A write that finds the term over ({@link StaleTermException}) ends the pass at
 * once and heartbeats, so the claim is lost before anything else runs; any other failure is logged
 * and the next pass runs. {@link #close} lets the running job finish, then steps down (the claim's
 * row removed, the lock released), so a standby takes over at its next tick.
 *
 * <p>Jobs run one at a time on this one thread, so a module's work never overlaps itself.
 */
public final class ModuleLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModuleLoop.class);

  /** What a job does; {@code term} is empty for a job that runs without leading. */
  @FunctionalInterface
  public interface Step {
    void run(Optional<Term> term) throws Exception;
  }

  /**
   * A piece of the module's work.
   *
   * @param every how often by the app clock ({@link Duration#ZERO}: every pass)
   * @param leaderOnly whether it runs only while this process leads the module
   */
  public record Job(String name, Duration every, boolean leaderOnly, Step step) {

    public Job {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(every, "every");
      Objects.requireNonNull(step, "step");
    }

    /** A leader-only job. */
    public static Job leading(String name, Duration every, Step step) {
      return new Job(name, every, true, step);
    }

    /** A job any process runs, leading or not (the picks inbox). */
    public static Job always(String name, Duration every, Step step) {
      return new Job(name, every, false, step);
    }
  }

  private final String name;
  private final Leadership leadership;
  private final InstantSource clock;
  private final Duration tick;
  private final Duration pass;
  private final List<Job> jobs;
  private final Map<Job, Instant> lastRun = new HashMap<>();
  private final Thread thread;
  private final Object pause = new Object();
  private volatile boolean closed;
  private volatile long passes;

  private ModuleLoop(
      String name,
      Leadership leadership,
      InstantSource clock,
      Duration tick,
      Duration pass,
      List<Job> jobs) {
    this.name = name;
    this.leadership = leadership;
    this.clock = clock;
    this.tick = tick;
    this.pass = pass;
    this.jobs = List.copyOf(jobs);
    this.thread = Thread.ofPlatform().name("module-" + name).daemon().unstarted(this::run);
  }

  /**
   * Starts the loop of an elected {@code leadership} (which it closes when closed).
   *
   * @param tick how often the claim is ticked (real time; 5 s in production)
   * @param pass how often the jobs are looked at (real time)
   */
  public static ModuleLoop start(
      String name,
      Leadership leadership,
      InstantSource clock,
      Duration tick,
      Duration pass,
      List<Job> jobs) {
    ModuleLoop loop =
        new ModuleLoop(
            Objects.requireNonNull(name, "name"),
            Objects.requireNonNull(leadership, "leadership"),
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(tick, "tick"),
            Objects.requireNonNull(pass, "pass"),
            new ArrayList<>(jobs));
    loop.thread.start();
    return loop;
  }

  public String name() {
    return name;
  }

  public Leadership leadership() {
    return leadership;
  }

  /** Passes done so far (for tests and status). */
  public long passes() {
    return passes;
  }

  private void run() {
    long nextTick = System.nanoTime() + tick.toNanos(); // elect() already tried once
    while (!closed) {
      if (System.nanoTime() - nextTick >= 0) {
        tickSafely();
        nextTick = System.nanoTime() + tick.toNanos();
      }
      runDueJobs();
      passes++;
      synchronized (pause) {
        if (closed) {
          break;
        }
        try {
          pause.wait(Math.max(1, pass.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void runDueJobs() {
    for (Job job : jobs) {
      if (closed) {
        return;
      }
      Optional<Term> term = leadership.isLeading() ? leadership.term() : Optional.empty();
      if (job.leaderOnly() && term.isEmpty()) {
        continue;
      }
      Instant now = clock.instant();
      Instant last = lastRun.get(job);
      if (last != null && !job.every().isZero() && now.isBefore(last.plus(job.every()))) {
        continue;
      }
      lastRun.put(job, now);
      try {
        job.step().run(term);
      } catch (StaleTermException e) {
        log.warn(
            "term over, standing by [module={}, job={}]: {}", name, job.name(), e.getMessage());
        leadership.heartbeat(); // finds the claim lost now, not at the next tick
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
        return;
      } catch (Exception e) {
        log.warn(
            "job failed, it runs again when next due [module={}, job={}]: {}",
            name,
            job.name(),
            e.toString());
        log.debug("job failure [module={}, job={}]", name, job.name(), e);
      }
    }
  }

  private void tickSafely() {
    try {
      leadership.tick();
    } catch (RuntimeException e) {
      log.warn("leadership tick failed [module={}]: {}", name, e.toString());
    }
  }

  /** Stops after the running job, then steps down. */
  @Override
  public void close() {
    closed = true;
    synchronized (pause) {
      pause.notifyAll();
    }
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    leadership.close();
  }
}
