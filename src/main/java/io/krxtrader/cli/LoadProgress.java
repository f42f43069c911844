package io.krxtrader.cli;

import io.krxtrader.ByteSize;
import io.krxtrader.observer.FileOutcome;
import io.krxtrader.observer.LoadListener;
import io.krxtrader.observer.SourceFile;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of a load on stderr: a progress bar on a terminal (bytes, speed, ETA, files and lines),
 * a plain line every few seconds otherwise (a log file, CI, a pipe), or nothing.
 */
final class LoadProgress implements LoadListener, AutoCloseable {

  /** How progress shows. */
  enum Mode {
    AUTO,
    BAR,
    LINES,
    NONE
  }

  private static final long LINE_EVERY_NANOS = 5_000_000_000L;

  private final Mode mode;
  private final PrintStream err;
  private ProgressBar bar;
  private int files;
  private long totalBytes;
  private int filesDone;
  private long bytes;
  private long lines;
  private long started;
  private long lastLine;

  LoadProgress(Mode mode, PrintStream err) {
    this.mode = mode == Mode.AUTO ? (isTerminal() ? Mode.BAR : Mode.LINES) : mode;
    this.err = err;
  }

  /**
   * Whether stderr, where progress goes, is a terminal. Java has no such question for stderr:
   * {@link System#console()} and Java 22's {@code Console.isTerminal()} describe stdin and stdout.
   * On Linux {@code /proc/self/fd/2} names what stderr is, so {@code backfill DIR 2>log} gets plain
   * lines; elsewhere this falls back to the console, an approximation that still draws the bar into
   * such a log when stdin and stdout are a terminal.
   */
  static boolean isTerminal() {
    try {
      String stderr = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return stderr.startsWith("/dev/pts/") || stderr.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      // no /proc (not Linux): ask the console
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  @Override
  public synchronized void started(int fileCount, long byteCount) {
    files = fileCount;
    totalBytes = byteCount;
    started = System.nanoTime();
    lastLine = started;
    if (mode == Mode.BAR) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("Loading")
              .setInitialMax(Math.max(1, byteCount))
              .setUnit(" MiB", 1 << 20)
              .showSpeed()
              .setConsumer(new ConsoleProgressBarConsumer(err))
              .build();
    } else if (mode == Mode.LINES) {
      err.printf(Locale.ROOT, "loading %d files, %s%n", fileCount, ByteSize.format(byteCount));
    }
  }

  @Override
  public synchronized void chunkCommitted(Path file, long chunkLines, long chunkBytes) {
    lines += chunkLines;
    bytes += chunkBytes;
    update();
  }

  @Override
  public synchronized void fileFinished(SourceFile file, FileOutcome outcome) {
    filesDone++;
    // What a file did not load now (loaded before, refused, failed) is done too: the bar and the
    // estimate go by the bytes still to read.
    bytes += Math.max(0, file.size() - outcome.bytes());
    update();
  }

  private void update() {
    if (mode == Mode.BAR && bar != null) {
      bar.stepTo(Math.min(bytes, bar.getMax()));
      bar.setExtraMessage(
          String.format(Locale.ROOT, "files %d/%d, %,d lines", filesDone, files, lines));
    } else if (mode == Mode.LINES) {
      long now = System.nanoTime();
      if (now - lastLine >= LINE_EVERY_NANOS) {
        lastLine = now;
        printLine(now);
      }
    }
  }

  private void printLine(long now) {
    double seconds = (now - started) / 1e9;
    double rate = seconds > 0 ? lines / seconds : 0;
    double share = totalBytes > 0 ? (double) bytes / totalBytes : 1;
    String eta =
        share > 0 && share < 1
            ? String.format(Locale.ROOT, ", about %.0f s left", seconds / share - seconds)
            : "";
    err.printf(
        Locale.ROOT,
        "loaded %d/%d files, %,d lines (%,.0f lines/s), %.0f %% of %s%s%n",
        filesDone,
        files,
        lines,
        rate,
        share * 100,
        ByteSize.format(totalBytes),
        eta);
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.stepTo(bar.getMax());
      bar.close();
      bar = null;
    } else if (mode == Mode.LINES && started != 0) {
      printLine(System.nanoTime());
    }
  }
}
