package io.krxtrader.cli;

import io.krxtrader.bench.IngestBenchmark;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "JSONL -> observer.scalp_ticks (parse, validate, COPY, ledger) against the machine's limit,",
      "measured in the same run: psql \\copy of the same rows from CSV into the same table.",
      "Runs alternate (psql, back-fill, psql, ...) in a database of their own; the back-fill runs",
      "as a child JVM with -Xmx256m. Target: back-fill >= 0.8 x psql."
    })
final class BenchIngestCommand extends BenchSubcommand {

  @Option(names = "--days", paramLabel = "N", description = "Trading days of ticks (default: 1).")
  int days = 1;

  @Option(names = "--symbols", paramLabel = "N", description = "Symbols (default: 131).")
  int symbols = 131;

  @Option(names = "--runs", paramLabel = "N", description = "Runs of each side (default: 3).")
  int runs = 3;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      description = "Back-fill's files at once (default: observer.load.parallelism).")
  Integer parallel;

  @Option(names = "--heap", paramLabel = "SIZE", description = "Back-fill's -Xmx (default: 256m).")
  String heap = "256m";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Where the data set is kept between runs (default: <home>/bench/ingest).")
  Path data;

  @Override
  public Integer call() throws Exception {
    return new IngestBenchmark(
            benchContext(), new IngestBenchmark.Settings(days, symbols, runs, parallel, heap, data))
        .run();
  }
}
