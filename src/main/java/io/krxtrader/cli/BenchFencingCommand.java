package io.krxtrader.cli;

import io.krxtrader.bench.FencingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
    name = "fencing",
    mixinStandardHelpOptions = true,
    description = {
      "The cost of fencing: single-row intent inserts with the leader's term checked in each",
      "transaction against the same inserts unchecked, in alternating rounds."
    })
final class BenchFencingCommand extends BenchSubcommand {

  @Option(names = "--rounds", paramLabel = "N", description = "Rounds of each kind (10).")
  int rounds = 10;

  @Option(names = "--inserts", paramLabel = "N", description = "Inserts per round (2000).")
  int inserts = 2000;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1 || inserts < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--rounds and --inserts must be at least 1 [rounds="
              + rounds
              + ", inserts="
              + inserts
              + "]");
    }
    return new FencingBenchmark(benchContext(), new FencingBenchmark.Settings(rounds, inserts))
        .run();
  }
}
