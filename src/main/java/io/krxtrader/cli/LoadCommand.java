package io.krxtrader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.krxtrader.ByteSize;
import io.krxtrader.TextTable;
import io.krxtrader.observer.FileOutcome;
import io.krxtrader.observer.LoadListener;
import io.krxtrader.observer.LoadOptions;
import io.krxtrader.observer.LoadSummary;
import io.krxtrader.observer.ObserverConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * What {@code ingest} and {@code backfill} share: their options, the progress display and the final
 * summary. Exit code 1 when any file was refused or failed.
 */
abstract class LoadCommand extends KrxCommand {

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description =
          "Files loaded at once, 1 to 10 (default: observer.load.parallelism, which defaults to"
              + " the number of cores).")
  Integer parallel;

  @Option(
      names = "--no-bars",
      description =
          "Do not update the 1-minute bars as ticks load (each chunk does by default);"
              + " rebuild them later with 'aggregate'.")
  boolean noBars;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      description =
          "auto (default: a bar on a terminal, a line every 5 s otherwise), bar, lines, none.")
  LoadProgress.Mode progress = LoadProgress.Mode.AUTO;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "The summary as a table (default) or json.")
  OutputFormat format = OutputFormat.TABLE;

  LoadOptions options() {
    ObserverConfig config = context().config().observer();
    int files = parallel == null ? config.parallelism() : parallel;
    if (files < 1 || files > ObserverConfig.MAX_PARALLELISM) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--parallel must be 1 to 10 [value=" + files + "]");
    }
    return new LoadOptions(files, !noBars);
  }

  int load(Function<LoadListener, LoadSummary> run) {
    LoadSummary summary;
    try (LoadProgress listener = new LoadProgress(progress, System.err)) {
      summary = run.apply(listener);
    }
    if (format == OutputFormat.JSON) {
      printJson(summary);
    } else {
      printTable(summary);
    }
    return summary.failures().isEmpty() ? 0 : Main.EXIT_FAILURE;
  }

  private void printTable(LoadSummary summary) {
    PrintWriter out = out();
    out.printf(
        Locale.ROOT,
        "%d files: %d loaded, %d unchanged, %d busy (another process), %d refused, %d failed%n",
        summary.outcomes().size(),
        summary.count(FileOutcome.Result.LOADED),
        summary.count(FileOutcome.Result.UNCHANGED),
        summary.count(FileOutcome.Result.BUSY),
        summary.count(FileOutcome.Result.CONFLICT),
        summary.count(FileOutcome.Result.FAILED));
    out.printf(
        Locale.ROOT,
        "  lines    %,d loaded, %,d rejected%s%n",
        summary.linesLoaded(),
        summary.linesRejected(),
        summary.linesRejected() > 0
            ? " (see " + context().config().observer().rejectDirectory() + ")"
            : "");
    out.printf(
        Locale.ROOT,
        "  time     %.1f s, %,.0f lines/s, %s read%n",
        summary.loadTime().toMillis() / 1000.0,
        summary.linesPerSecond(),
        ByteSize.format(summary.bytes()));
    if (noBars) {
      out.println("  bars     not updated (--no-bars): run 'krx-trader aggregate'");
    }
    List<FileOutcome> failures = summary.failures();
    if (!failures.isEmpty()) {
      out.println("Not loaded:");
      TextTable table = new TextTable("file", "result", "why");
      for (FileOutcome failure : failures) {
        table.row(
            failure.file(), failure.result().name().toLowerCase(Locale.ROOT), failure.message());
      }
      table.print(out, "  ");
    }
    out.flush();
  }

  private void printJson(LoadSummary summary) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("files", summary.outcomes().size());
    for (FileOutcome.Result result : FileOutcome.Result.values()) {
      json.put(result.name().toLowerCase(Locale.ROOT), summary.count(result));
    }
    json.put("lines_loaded", summary.linesLoaded());
    json.put("lines_rejected", summary.linesRejected());
    json.put("bytes", summary.bytes());
    json.put("load_seconds", summary.loadTime().toNanos() / 1e9);
    json.put("lines_per_second", summary.linesPerSecond());
    json.put(
        "failures",
        summary.failures().stream()
            .map(
                f ->
                    Map.of(
                        "file", f.file().toString(),
                        "result", f.result().name().toLowerCase(Locale.ROOT),
                        "message", f.message()))
            .toList());
    try {
      out()
          .println(
              new ObjectMapper()
                  .enable(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out().flush();
  }
}
