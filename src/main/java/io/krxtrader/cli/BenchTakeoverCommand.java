package io.krxtrader.cli;

import io.krxtrader.bench.TakeoverBenchmark;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "takeover",
    mixinStandardHelpOptions = true,
    description = {
      "Take-over after kill -9: a leader and a standby in child JVMs (ticking every --tick);",
      "the leader is killed, the time until the standby's new term is measured; --kills times."
    })
final class BenchTakeoverCommand extends BenchSubcommand {

  @Option(names = "--kills", paramLabel = "N", description = "How many leaders to kill (20).")
  int kills = 20;

  @Option(names = "--tick", paramLabel = "DURATION", description = "The modules' tick (5s).")
  Duration tick = Duration.ofSeconds(5);

  /** Internal: run as one contender (the child JVM). */
  @Option(names = "--child", hidden = true, paramLabel = "INSTANCE")
  String child;

  @Override
  public Integer call() throws Exception {
    return new TakeoverBenchmark(benchContext(), new TakeoverBenchmark.Settings(kills, tick, child))
        .run();
  }
}
