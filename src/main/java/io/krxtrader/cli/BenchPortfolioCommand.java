package io.krxtrader.cli;

import io.krxtrader.bench.PortfolioBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "portfolio",
    mixinStandardHelpOptions = true,
    description = {
      "The seed's \"latest portfolio snapshot with positions\" query (section 5.2) at p50/p99 on",
      "a year of daily snapshots of 131 positions (target p99 <= 3 ms; the seed asks < 30 ms),",
      "and the time of one snapshot + plan for 131 held symbols."
    })
final class BenchPortfolioCommand extends BenchSubcommand {

  @Option(names = "--days", paramLabel = "N", description = "Daily snapshots (default: 365).")
  int days = 365;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Timed runs of the query (default: 1000, after 100 to warm up).")
  int iterations = 1000;

  @Option(
      names = "--plans",
      paramLabel = "N",
      description = "Timed snapshot + plan runs (default: 20).")
  int plans = 20;

  @Override
  public Integer call() throws Exception {
    return new PortfolioBenchmark(
            benchContext(), new PortfolioBenchmark.Settings(days, iterations, plans))
        .run();
  }
}
