package io.krxtrader.market;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs refresh jobs of one source: claims a few, fetches each price through the {@link
 * QuoteSource}, hands it to the {@link PriceSink} (written with the next batch), and records DONE
 * or the failure. The quote source waits for the broker's rate limit itself, so a worker never
 * hammers it. One thread runs a worker.
 */
final class SyncWorker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);

  private final String name;
  private final PriceSource source;
  private final SyncQueue queue;
  private final SyncNode node;
  private final QuoteSource quotes;
  private final PriceSink sink;
  private final MarketConfig.Queue config;
  private volatile boolean running = true;

  /** The worker that claimed the jobs below, or null when every outcome is recorded. */
  private WorkerId owner;

  private final List<SyncJob> done = new ArrayList<>();
  private final List<SyncQueue.Failure> failed = new ArrayList<>();
  private final List<SyncJob> unrun = new ArrayList<>();

  SyncWorker(
      String name,
      PriceSource source,
      SyncQueue queue,
      SyncNode node,
      QuoteSource quotes,
      PriceSink sink,
      MarketConfig.Queue config) {
    this.name = name;
    this.source = source;
    this.queue = queue;
    this.node = node;
    this.quotes = quotes;
    this.sink = sink;
    this.config = config;
  }

  /**
   * One round: records what the last round could not, claims, fetches, records.
   *
   * @return the number of jobs claimed (0: nothing to do)
   */
  int runOnce() {
    record();
    WorkerId worker = node.worker(name);
    List<SyncJob> jobs = queue.claim(worker, source, config.claimBatch());
    owner = worker;
    int next = 0;
    try {
      while (next < jobs.size()) {
        SyncJob job = jobs.get(next++);
        if (!running || Thread.currentThread().isInterrupted()) {
          unrun.add(job);
          continue;
        }
        try {
          PriceEvent event = quotes.fetch(job.symbol(), job.source());
          if (!event.symbol().equals(job.symbol()) || event.source() != job.source()) {
            failed.add(
                new SyncQueue.Failure(
                    job,
                    "the quote source answered for another symbol or source [asked="
                        + job.symbol()
                        + "/"
                        + job.source()
                        + ", got="
                        + event.symbol()
                        + "/"
                        + event.source()
                        + "]"));
          } else if (sink.accept(event)) {
            done.add(job);
          } else {
            failed.add(new SyncQueue.Failure(job, "the price sink is closed"));
          }
        } catch (RuntimeException e) {
          failed.add(new SyncQueue.Failure(job, describe(e)));
        } catch (Error e) {
          // The attempt counts, so a job that always breaks the quote source ends FAILED.
          failed.add(new SyncQueue.Failure(job, describe(e)));
          throw e;
        }
      }
    } finally {
      unrun.addAll(jobs.subList(next, jobs.size()));
    }
    record();
    return jobs.size();
  }

  /**
   * Hands the outcomes of the last claim to the database. Each step that succeeds is forgotten; if
   * the database refuses one (a dropped connection, a pool timeout) it throws and the rest is kept
   * for the next try, made before any new claim. The node's liveness lock is still held, so no
   * rescue would free these jobs: without this they would stay RUNNING and block new refreshes of
   * their (symbol, source).
   */
  private void record() {
    if (owner == null) {
      return;
    }
    int lost = 0;
    if (!done.isEmpty()) {
      lost += done.size() - queue.complete(owner, done);
      done.clear();
    }
    if (!failed.isEmpty()) {
      lost += failed.size() - queue.fail(owner, failed);
      failed.clear();
    }
    if (!unrun.isEmpty()) {
      queue.release(owner, unrun);
      unrun.clear();
    }
    if (lost > 0) {
      log.warn(
          "some jobs were rescued from this worker while it ran them [worker={}, lost={}]",
          owner,
          lost);
    }
    owner = null;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 1_000 ? message.substring(0, 1_000) : message;
  }

  @Override
  public void run() {
    try {
      while (running) {
        int claimed = 0;
        try {
          if (node.heartbeat()) {
            claimed = runOnce();
          }
        } catch (RuntimeException e) {
          log.warn("sync worker round failed [worker={}, error={}]", name, e.getMessage());
        }
        if (claimed == 0 && running) {
          try {
            Thread.sleep(config.pollInterval());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    } finally {
      // Stopped, or an Error ends the thread: what is left must not stay RUNNING under a live node.
      try {
        record();
      } catch (RuntimeException e) {
        log.warn(
            "sync worker could not record its last jobs [worker={}, error={}]",
            name,
            e.getMessage());
      }
    }
  }

  void stop() {
    running = false;
  }
}
