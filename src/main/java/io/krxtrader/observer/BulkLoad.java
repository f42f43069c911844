package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads many files on a fixed number of threads, largest first (so that one big file does not run
 * alone at the end), computing 1-minute bars as {@link LoadOptions#bars} says. One file's failure
 * never stops the others. Memory is a few chunks per thread, whatever the number and size of the
 * files.
 */
final class BulkLoad {

  private static final Logger log = LoggerFactory.getLogger(BulkLoad.class);

  private final FileLoader loader;
  private final int parallelism;
  private final boolean bars;

  BulkLoad(FileLoader loader, LoadOptions options) {
    this.loader = loader;
    this.parallelism = options.parallelism();
    this.bars = options.bars();
  }

  LoadSummary run(List<SourceFile> files, LoadListener listener) {
    List<SourceFile> ordered =
        files.stream().sorted(Comparator.comparingLong(SourceFile::size).reversed()).toList();
    listener.started(ordered.size(), ordered.stream().mapToLong(SourceFile::size).sum());
    long start = System.nanoTime();
    List<FileOutcome> outcomes = new ArrayList<>();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(parallelism, ordered.size())),
            task -> {
              Thread thread = new Thread(task, "observer-load-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<FileOutcome>> futures = new ArrayList<>();
      for (SourceFile file : ordered) {
        futures.add(pool.submit(() -> loadOne(file, listener)));
      }
      for (Future<FileOutcome> future : futures) {
        outcomes.add(await(future));
      }
    } finally {
      pool.shutdownNow();
    }
    return new LoadSummary(outcomes, Duration.ofNanos(System.nanoTime() - start));
  }

  private FileOutcome loadOne(SourceFile file, LoadListener listener) {
    FileOutcome outcome;
    try {
      outcome = loader.load(file.path(), file.kind(), false, bars, listener);
    } catch (KrxTraderException e) {
      log.warn("file failed [file={}]", file.path(), e);
      outcome = FileOutcome.of(file.path(), file.kind(), FileOutcome.Result.FAILED, e.getMessage());
    }
    listener.fileFinished(file, outcome);
    return outcome;
  }

  private static FileOutcome await(Future<FileOutcome> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KrxTraderException("interrupted while loading", e);
    } catch (ExecutionException e) {
      throw new KrxTraderException("a loading thread failed", e.getCause());
    }
  }
}
