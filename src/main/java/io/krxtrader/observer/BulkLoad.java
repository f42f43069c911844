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
 * alone at the end), computing 1-minute bars as {@link BarMode} says. One file's failure never
 * stops the others. Memory is a few chunks per thread, whatever the number and size of the files.
 */
final class BulkLoad {

  private static final Logger log = LoggerFactory.getLogger(BulkLoad.class);

  private final FileLoader loader;
  private final MinuteBarAggregator bars;
  private final int parallelism;
  private final BarMode barMode;

  BulkLoad(FileLoader loader, MinuteBarAggregator bars, int parallelism, BarMode barMode) {
    this.loader = loader;
    this.bars = bars;
    this.parallelism = parallelism;
    this.barMode = barMode;
  }

  LoadSummary run(List<SourceFile> files, LoadListener listener) {
    List<SourceFile> ordered =
        files.stream().sorted(Comparator.comparingLong(SourceFile::size).reversed()).toList();
    listener.started(ordered.size(), ordered.stream().mapToLong(SourceFile::size).sum());
    long start = System.nanoTime();
    List<FileOutcome> outcomes = new ArrayList<>();
    long[] barCount = {0};
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
        futures.add(
            pool.submit(
                () -> {
                  FileOutcome outcome = loadOne(file, listener);
                  if (barMode == BarMode.EACH_FILE
                      && file.kind() == RecordKind.SCALP
                      && outcome.linesLoaded() > 0) {
                    try {
                      long written = bars.drain(listener);
                      synchronized (barCount) {
                        barCount[0] += written;
                      }
                    } catch (KrxTraderException e) {
                      // The minutes stay queued: the final drain or the next load computes them.
                      log.warn("1-minute bars not computed yet [file={}]", file.path(), e);
                    }
                  }
                  return outcome;
                }));
      }
      for (Future<FileOutcome> future : futures) {
        outcomes.add(await(future));
      }
    } finally {
      pool.shutdownNow();
    }
    Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
    long barStart = System.nanoTime();
    if (barMode != BarMode.NONE) {
      barCount[0] += bars.drain(listener);
    }
    return new LoadSummary(
        outcomes, loadTime, barCount[0], Duration.ofNanos(System.nanoTime() - barStart));
  }

  private FileOutcome loadOne(SourceFile file, LoadListener listener) {
    FileOutcome outcome;
    try {
      outcome = loader.load(file.path(), file.kind(), listener);
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
