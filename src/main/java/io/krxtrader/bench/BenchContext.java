package io.krxtrader.bench;

import io.krxtrader.db.Database;
import io.krxtrader.db.DatabaseConfig;
import io.krxtrader.market.MarketConfig;
import io.krxtrader.observer.ObserverConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a benchmark runs with, handed over by the command line: the configured database (opened and
 * migrated on first use, since a benchmark on a scratch server never needs it), the settings the
 * measured modules read, the home directory, the clock, where to print, and how to start krx-trader
 * itself in a child JVM.
 *
 * @param database the configured database, migrated, opened on first call
 * @param databaseConfig its settings (a benchmark's own database is made on the same server)
 * @param selfCommand the command that runs krx-trader in a new JVM: JVM options, then arguments
 */
public record BenchContext(
    Supplier<Database> database,
    DatabaseConfig databaseConfig,
    MarketConfig market,
    ObserverConfig observer,
    Path home,
    InstantSource clock,
    PrintWriter out,
    SelfCommand selfCommand) {

  /** Builds the command line of a child krx-trader. */
  @FunctionalInterface
  public interface SelfCommand {
    List<String> of(List<String> jvmOptions, List<String> arguments);
  }
}
