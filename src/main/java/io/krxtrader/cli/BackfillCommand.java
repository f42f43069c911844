package io.krxtrader.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    description = {
      "Load every swing/*.jsonl, scalp/*.jsonl and gap_*.jsonl under a directory (at any depth),",
      "largest first, several at once. Exactly once like 'ingest': interrupt it and run it again."
    })
final class BackfillCommand extends LoadCommand {

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description = "The collectors' root (default: observer.data-dir).")
  Path directory;

  @Override
  public Integer call() {
    Path root = directory != null ? directory : context().config().observer().dataDirectory();
    return load(listener -> observer().backfill(root, options(), listener));
  }
}
