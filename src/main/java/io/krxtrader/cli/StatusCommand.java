package io.krxtrader.cli;

import picocli.CommandLine.Command;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the database (location, version, migrations) and the module roles.")
final class StatusCommand extends KrxCommand {

  @Override
  public Integer call() {
    StatusReport.print(out(), context().database());
    return 0;
  }
}
