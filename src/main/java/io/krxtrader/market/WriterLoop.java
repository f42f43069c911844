package io.krxtrader.market;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread and its queue: takes whatever events are waiting (up to {@code maxBatch}) and
 * writes them as one transaction, so the batch grows with the load. A batch starts at most every
 * {@code linger}: each transaction has a fixed cost (seven statements and a commit), and at 20,000
 * events/s batches taken the moment one event waits would be tiny and cost several times the CPU
 * per event; lingering costs an event at most {@code linger} of extra wait (group commit, as
 * Kafka's {@code linger.ms}). While the database is unreachable the batch is retried with back-off
 * and new events wait in the queue; once the queue is full the oldest waiting event makes room for
 * each new one and is counted as dropped (the observer's files keep every tick; PriceSync needs the
 * newest price, not every one).
 */
final class WriterLoop implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(WriterLoop.class);
  private static final Duration RETRY_FIRST = Duration.ofMillis(100);
  private static final Duration RETRY_MAX = Duration.ofSeconds(5);

  private final String name;
  private final BlockingQueue<PriceEvent> queue;
  private final PriceWriter writer;
  private final int maxBatch;
  private final long lingerNanos;
  private final BestPriceListener listener;
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Object progress = new Object();
  private volatile boolean running = true;

  WriterLoop(
      String name,
      PriceWriter writer,
      int capacity,
      int maxBatch,
      Duration linger,
      BestPriceListener listener) {
    this.name = name;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = writer;
    this.maxBatch = maxBatch;
    this.lingerNanos = linger.toNanos();
    this.listener = listener;
  }

  String name() {
    return name;
  }

  /** Queues an event; on a full queue the oldest waiting event is dropped (and counted) for it. */
  void offer(PriceEvent event) {
    while (!queue.offer(event)) {
      if (queue.poll() != null) {
        long count = dropped.incrementAndGet();
        if (count % 10_000 == 1) {
          log.warn(
              "price write queue full, dropping the oldest events [writer={}, dropped={}]",
              name,
              count);
        }
        // A dropped event is as finished as a written one for those waiting in awaitWritten.
        synchronized (progress) {
          finished.incrementAndGet();
          progress.notifyAll();
        }
      }
    }
    offered.incrementAndGet();
  }

  long written() {
    return written.get();
  }

  long dropped() {
    return dropped.get();
  }

  /** Writes everything waiting now, in the caller's thread (for a loop that is not started). */
  void drainNow() {
    List<PriceEvent> batch = new ArrayList<>();
    while (queue.drainTo(batch, maxBatch) > 0) {
      writeWithRetry(batch);
      batch.clear();
    }
  }

  /**
   * Waits until every event offered before the call has been written (or dropped by a failure).
   *
   * @return false if that did not happen within {@code timeout}
   */
  boolean awaitWritten(Duration timeout) throws InterruptedException {
    long target = offered.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (finished.get() < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
    }
    return true;
  }

  @Override
  public void run() {
    List<PriceEvent> batch = new ArrayList<>(maxBatch);
    // Pacing of batches, not a time of day: the monotonic clock is right here.
    long lastStart = System.nanoTime() - lingerNanos;
    while (running || !queue.isEmpty()) {
      try {
        PriceEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        long wait = lastStart + lingerNanos - System.nanoTime();
        if (wait > 0 && running && queue.size() < maxBatch - 1) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        lastStart = System.nanoTime();
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        writeWithRetry(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  void stop() {
    running = false;
  }

  private void writeWithRetry(List<PriceEvent> batch) {
    Duration wait = RETRY_FIRST;
    int failures = 0;
    while (true) {
      try {
        PriceWriter.Written result = writer.write(batch);
        if (failures > 0) {
          log.info("writing prices again [writer={}, failedAttempts={}]", name, failures);
        }
        written.addAndGet(result.ticksInserted());
        notifyListener(batch, result);
        break;
      } catch (SQLException | RuntimeException e) {
        failures++;
        if (!isTransient(e) || !running) {
          log.error(
              "dropping a batch of price events the database refused [writer={}, events={},"
                  + " error={}]",
              name,
              batch.size(),
              e.getMessage());
          dropped.addAndGet(batch.size());
          break;
        }
        if (failures == 1) {
          log.warn("database unavailable, retrying [writer={}, error={}]", name, e.getMessage());
        }
        try {
          Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          dropped.addAndGet(batch.size());
          break;
        }
        wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
      }
    }
    synchronized (progress) {
      finished.addAndGet(batch.size());
      progress.notifyAll();
    }
  }

  private void notifyListener(List<PriceEvent> batch, PriceWriter.Written result) {
    if (listener == BestPriceListener.NONE) {
      return;
    }
    try {
      listener.committed(List.copyOf(batch), result.plan().bests());
    } catch (RuntimeException e) {
      log.warn("best price listener failed [writer={}, error={}]", name, e.getMessage());
    }
  }

  /** Connection trouble, overload, deadlock or serialization: worth another try. */
  static boolean isTransient(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08")
            || state.startsWith("53")
            || state.startsWith("57P")
            || state.equals("40001")
            || state.equals("40P01")) {
          return true;
        }
      }
    }
    return false;
  }
}
