package io.krxtrader.cli;

import io.krxtrader.db.ModuleRole;
import io.krxtrader.system.Halt;
import java.sql.SQLException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "halt",
    mixinStandardHelpOptions = true,
    description = {
      "The kill switch: stop every new entry in every process on the database, at once.",
      "Exits still go out unless --exits-too. Recorded (who, when, why); 'resume' lifts it."
    })
final class HaltCommand extends KrxCommand {

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded and shown).")
  String reason;

  @Option(names = "--exits-too", description = "Stop exits as well (default: exits still go out).")
  boolean exitsToo;

  @Override
  public Integer call() throws SQLException {
    Halt.HaltState before =
        Halt.halt(
            context().migratedDatabase(),
            Optional.ofNullable(reason).map(String::strip).filter(r -> !r.isEmpty()),
            exitsToo,
            Halt.Operator.current(),
            context().clock());
    Halt.HaltState now = Halt.current(context().migratedDatabase(), ModuleRole.SYSTEM);
    if (before.halted()) {
      out().println("was already halted: " + before.describe());
    }
    out().println(now.describe());
    out().flush();
    return 0;
  }
}
