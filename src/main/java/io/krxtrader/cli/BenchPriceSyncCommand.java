package io.krxtrader.cli;

import io.krxtrader.bench.PriceSyncBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench pricesync}: its options, for {@link PriceSyncBenchmark}, which measures. */
@Command(
    name = "pricesync",
    mixinStandardHelpOptions = true,
    description = {
      "PriceSync: price events into prices_ticks + prices_best at a target rate (latency) and",
      "unthrottled (capacity), against a plain INSERT of the ticks alone, on a scratch database."
    })
final class BenchPriceSyncCommand extends BenchSubcommand {

  @Option(
      names = "--symbols",
      defaultValue = "2500",
      description = "Symbols (default: ${DEFAULT-VALUE}).")
  int symbolCount;

  @Option(
      names = "--rate",
      defaultValue = "20000",
      description = "Target events/s (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--seconds",
      defaultValue = "15",
      description = "Measured seconds per phase (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--warmup",
      defaultValue = "8",
      description = "Unmeasured seconds before each phase (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Runs; medians are reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() throws Exception {
    return new PriceSyncBenchmark(
            benchContext(),
            new PriceSyncBenchmark.Settings(symbolCount, rate, seconds, warmup, runs))
        .run();
  }
}
