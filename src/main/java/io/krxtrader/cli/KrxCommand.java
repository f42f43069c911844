package io.krxtrader.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every subcommand: access to the shared context and to the command's output stream. */
abstract class KrxCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  AppContext context() {
    return ((Main) spec.root().userObject()).context();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
