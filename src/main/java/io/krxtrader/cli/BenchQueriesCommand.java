package io.krxtrader.cli;

import io.krxtrader.bench.QueriesBenchmark;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "queries",
    mixinStandardHelpOptions = true,
    description = {
      "The seed's benchmark queries (section 5.2) through the query API, at p50/p99, on a data",
      "set of more than 10 million ticks with their 1-minute bars and 30 days of swing bars,",
      "back-filled first by a child JVM with -Xmx256m (its time is reported too).",
      "Targets: 1 hour of 1-minute bars for 131 symbols p99 <= 10 ms; 30 days of swing bars for",
      "5 symbols p99 <= 5 ms."
    })
final class BenchQueriesCommand extends BenchSubcommand {

  @Option(names = "--days", paramLabel = "N", description = "Trading days (default: 30).")
  int days = 30;

  @Option(
      names = "--scalp-days",
      paramLabel = "N",
      description = "The last N days with ticks (default: 3, about 13 million ticks).")
  int scalpDays = 3;

  @Option(names = "--symbols", paramLabel = "N", description = "Symbols (default: 131).")
  int symbols = 131;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Timed runs of each query (default: 300, after 30 to warm up).")
  int iterations = 300;

  @Option(names = "--heap", paramLabel = "SIZE", description = "Back-fill's -Xmx (default: 256m).")
  String heap = "256m";

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Where the data set is kept between runs (default: <home>/bench/queries).")
  Path data;

  @Override
  public Integer call() throws Exception {
    return new QueriesBenchmark(
            benchContext(),
            new QueriesBenchmark.Settings(days, scalpDays, symbols, iterations, heap, data))
        .run();
  }
}
