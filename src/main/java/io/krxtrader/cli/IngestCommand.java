package io.krxtrader.cli;

import io.krxtrader.observer.RecordKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Load JSONL files into the database, exactly once: a file loaded before loads only what",
      "was appended since; a file whose loaded part changed is refused. Bad lines go to a reject",
      "file (observer.reject-dir) and never stop a load. Stop it at any moment and run it again."
    })
final class IngestCommand extends LoadCommand {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "swing, scalp or gap files.")
  List<Path> files;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description =
          "swing, scalp or gap, for files not under swing/ or scalp/ and not named gap_*.jsonl.")
  RecordKind kind;

  @Override
  public Integer call() {
    return load(
        listener -> observer().ingest(files, Optional.ofNullable(kind), options(), listener));
  }
}
