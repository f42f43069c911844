package io.krxtrader.market;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs refresh jobs of one source: claims a few, fetches each price through the {@link
 * QuoteSource}, hands it to the {@link PriceSink} (written with the next batch), and records DONE
 * or the failure. The quote source waits for the broker's rate limit itself, so a worker never
 * hammers it.
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
   * One round: claim, fetch, record.
   *
   * @return the number of jobs claimed (0: nothing to do)
   */
  int runOnce() {
    WorkerId worker = node.worker(name);
    List<SyncJob> jobs = queue.claim(worker, source, config.claimBatch());
    List<SyncJob> done = new ArrayList<>();
    List<SyncQueue.Failure> failed = new ArrayList<>();
    List<SyncJob> unrun = new ArrayList<>();
    for (SyncJob job : jobs) {
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
          failed.add(new SyncQueue.Failure(job, "the price write queue is full"));
        }
      } catch (RuntimeException e) {
        failed.add(new SyncQueue.Failure(job, describe(e)));
      }
    }
    int completed = queue.complete(worker, done);
    int recorded = queue.fail(worker, failed);
    queue.release(worker, unrun);
    if (completed < done.size() || recorded < failed.size()) {
      log.warn(
          "some jobs were rescued from this worker while it ran them [worker={}, lost={}]",
          worker,
          done.size() + failed.size() - completed - recorded);
    }
    return jobs.size();
  }

  private static String describe(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 1_000 ? message.substring(0, 1_000) : message;
  }

  @Override
  public void run() {
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
  }

  void stop() {
    running = false;
  }
}
