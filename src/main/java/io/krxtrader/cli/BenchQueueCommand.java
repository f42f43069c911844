package io.krxtrader.cli;

import io.krxtrader.bench.QueueBenchmark;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench queue}: its options, for {@link QueueBenchmark}, which measures. */
@Command(
    name = "queue",
    mixinStandardHelpOptions = true,
    description = {
      "Sync-job queue: claim + complete throughput with 1, 2, 4 and 8 workers against a plain-SQL",
      "SKIP LOCKED loop on the same jobs, on a scratch database; checks no job runs twice."
    })
final class BenchQueueCommand extends BenchSubcommand {

  @Option(
      names = "--jobs",
      defaultValue = "100000",
      description = "Jobs per measurement (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(
      names = "--batch",
      defaultValue = "50",
      description = "Jobs per claim (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--runs",
      defaultValue = "5",
      description = "Runs; medians are reported (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--workers",
      split = ",",
      defaultValue = "1,2,4,8",
      description = "Worker counts (default: ${DEFAULT-VALUE}).")
  List<Integer> workerCounts;

  @Option(
      names = "--seed-index",
      description =
          "Also run the reference with the seed's (status, priority DESC) index instead of the partial claim index.")
  boolean seedIndex;

  @Override
  public Integer call() throws Exception {
    return new QueueBenchmark(
            benchContext(), new QueueBenchmark.Settings(jobs, batch, runs, workerCounts, seedIndex))
        .run();
  }
}
