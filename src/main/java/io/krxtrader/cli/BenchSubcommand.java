package io.krxtrader.cli;

import io.krxtrader.bench.BenchContext;
import java.util.ArrayList;
import java.util.List;

/** Base of a {@code bench} subcommand: parses its options and hands the benchmark its context. */
abstract class BenchSubcommand extends KrxCommand {

  BenchContext benchContext() {
    AppContext context = context();
    AppConfig config = context.config();
    return new BenchContext(
        context::migratedDatabase,
        config.database(),
        config.market(),
        config.observer(),
        config.home(),
        context.clock(),
        out(),
        BenchSubcommand::krxTrader);
  }

  /** The command that runs krx-trader itself in a new JVM with {@code jvmOptions}. */
  private static List<String> krxTrader(List<String> jvmOptions, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(arguments);
    return command;
  }
}
