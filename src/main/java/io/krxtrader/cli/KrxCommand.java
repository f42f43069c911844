package io.krxtrader.cli;

import io.krxtrader.observer.Observer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every subcommand: access to the shared context, the observer and the command's output
 * stream.
 */
abstract class KrxCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  AppContext context() {
    return ((Main) spec.root().userObject()).context();
  }

  /** The observer on the migrated database, for a command that reads or loads market data. */
  Observer observer() {
    return new Observer(
        context().migratedDatabase(), context().config().observer(), context().clock());
  }

  /**
   * Sets configuration key {@code key} for this run as if given by {@code --set}, when a command's
   * own option for it was given ({@code value} not null).
   */
  void override(String key, Object value) {
    if (value != null) {
      ((Main) spec.root().userObject()).overrides.put(key, value.toString());
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
