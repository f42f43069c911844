package io.krxtrader.observer;

import io.krxtrader.KrxTraderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the swing, scalp and gap files under a directory, at any depth. */
final class JsonlFiles {

  private JsonlFiles() {}

  static List<SourceFile> discover(Path root) {
    if (!Files.isDirectory(root)) {
      throw new KrxTraderException("not a directory [path=" + root + "]");
    }
    List<SourceFile> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".rejects.jsonl"))
          .forEach(p -> RecordKind.of(p).ifPresent(kind -> files.add(source(p, kind))));
    } catch (IOException | UncheckedIOException e) {
      throw new KrxTraderException("cannot list the directory [path=" + root + "]", e);
    }
    return files;
  }

  /** A file named on the command line: its kind from its place, or the one given. */
  static SourceFile named(Path file, Optional<RecordKind> kind) {
    if (!Files.isRegularFile(file)) {
      throw new KrxTraderException("no such file [path=" + file + "]");
    }
    RecordKind resolved =
        kind.or(() -> RecordKind.of(file))
            .orElseThrow(
                () ->
                    new KrxTraderException(
                        "cannot tell the record kind from the file's place; name it with --kind"
                            + " [path="
                            + file
                            + ", expected=swing/*.jsonl, scalp/*.jsonl or gap_*.jsonl]"));
    return source(file, resolved);
  }

  private static SourceFile source(Path file, RecordKind kind) {
    try {
      return new SourceFile(file, kind, Files.size(file));
    } catch (IOException e) {
      throw new KrxTraderException("cannot read the file [path=" + file + "]", e);
    }
  }
}
