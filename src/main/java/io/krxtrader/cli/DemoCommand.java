package io.krxtrader.cli;

import picocli.CommandLine.Command;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The main job, with nothing to set up: start the database (embedded unless --db-url),",
      "apply the migrations and print the status report."
    })
final class DemoCommand extends KrxCommand {

  @Override
  public Integer call() {
    StatusReport.print(out(), context().migratedDatabase());
    return 0;
  }
}
