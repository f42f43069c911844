package io.krxtrader.cli;

import io.krxtrader.db.ModuleRole;
import io.krxtrader.system.Halt;
import java.sql.SQLException;
import picocli.CommandLine.Command;

@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Lift the kill switch ('halt'): entries and exits go out again. Recorded.")
final class ResumeCommand extends KrxCommand {

  @Override
  public Integer call() throws SQLException {
    Halt.HaltState before =
        Halt.resume(context().migratedDatabase(), Halt.Operator.current(), context().clock());
    if (before.halted()) {
      out().println("resumed; it was " + before.describe());
    } else {
      out().println("resumed; it was not halted");
    }
    out().println(Halt.current(context().migratedDatabase(), ModuleRole.SYSTEM).describe());
    out().flush();
    return 0;
  }
}
