package io.krxtrader.cli;

import io.krxtrader.bench.RouterBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench router}: its options, for {@link RouterBenchmark}, which measures. */
@Command(
    name = "router",
    mixinStandardHelpOptions = true,
    description = {
      "Router: 500 picks of 3 producers submitted, gated, merged and decided, end to end,",
      "against a plain INSERT of the same rows, on a database of its own."
    })
final class BenchRouterCommand extends BenchSubcommand {

  @Option(
      names = "--runs",
      defaultValue = "20",
      description = "Runs; p50 and p99 are reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      description = "Runs first, not counted (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Override
  public Integer call() throws Exception {
    return new RouterBenchmark(benchContext(), new RouterBenchmark.Settings(warmup, runs)).run();
  }
}
