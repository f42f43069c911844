package io.krxtrader.observer.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads back what collectors wrote under a data root, for assertions. */
final class CollectedLines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CollectedLines() {}

  /** Every line of every file in {@code root/<directory>}, files in name order. */
  static List<JsonNode> read(Path root, String directory) {
    Path dir = root.resolve(directory);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<JsonNode> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
        for (String line : Files.readAllLines(file)) {
          lines.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
