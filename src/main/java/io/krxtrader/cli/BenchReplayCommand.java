package io.krxtrader.cli;

import io.krxtrader.bench.ReplayBenchmark;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "A synthetic full day of 131 symbols (about 4 million price events) through the replay of",
      "the exit and re-entry decision code, one position per symbol (target >= 200,000 events/s),",
      "against a plain pass over the same events; every run must decide byte-identically."
    })
final class BenchReplayCommand extends BenchSubcommand {

  @Option(
      names = "--step",
      description = "Time between two events of a symbol (default: 750ms: 4.09 million events).")
  Duration step = Duration.ofMillis(750);

  @Option(names = "--runs", paramLabel = "N", description = "Timed runs (default: 5).")
  int runs = 5;

  @Option(names = "--seed", description = "The price paths' seed (default: 7).")
  long seed = 7;

  @Override
  public Integer call() {
    return new ReplayBenchmark(benchContext(), new ReplayBenchmark.Settings(step, runs, seed))
        .run();
  }
}
