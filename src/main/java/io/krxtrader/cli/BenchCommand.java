package io.krxtrader.cli;

import picocli.CommandLine.Command;

/**
 * Benchmarks, not tests: each subcommand measures one speed target against a reference measured in
 * the same run and prints medians and the ratio; a target is met at the ratio it names. Results go
 * to BENCHMARKS.md by hand, with the command and the machine.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: measure a speed target against a reference in the same run.",
    subcommands = {
      BenchFencingCommand.class,
      BenchIngestCommand.class,
      BenchQueriesCommand.class,
      BenchPriceSyncCommand.class,
      BenchQueueCommand.class,
      BenchPortfolioCommand.class,
      BenchReplayCommand.class,
      BenchRouterCommand.class,
      BenchTakeoverCommand.class
    })
final class BenchCommand extends KrxCommand {

  @Override
  public Integer call() {
    spec.commandLine().usage(out());
    return 0;
  }
}
