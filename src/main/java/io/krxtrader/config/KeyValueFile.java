package io.krxtrader.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code key = value} lines (UTF-8; {@code #} or {@code !} starts a comment line) and
 * remembers each value's line, so that an error can say exactly where a bad value came from. Unlike
 * {@link java.util.Properties} it refuses a line without {@code =} and a key given twice.
 */
final class KeyValueFile {

  private KeyValueFile() {}

  static Map<String, Settings.Value> read(Path path, String kind) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new ConfigException("the " + kind + " is not UTF-8 text [file=" + path + "]", e);
    } catch (IOException e) {
      throw new ConfigException("cannot read the " + kind + " [file=" + path + "]", e);
    }
    Map<String, Settings.Value> values = new LinkedHashMap<>();
    Map<String, Integer> lineOfKey = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNumber = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int separator = line.indexOf('=');
      if (separator <= 0) {
        throw new ConfigException(
            "expected key = value in the "
                + kind
                + " [file="
                + path
                + ", line="
                + lineNumber
                + "]");
      }
      String key = line.substring(0, separator).strip();
      String value = line.substring(separator + 1).strip();
      Integer previous = lineOfKey.putIfAbsent(key, lineNumber);
      if (previous != null) {
        throw new ConfigException(
            "key given twice in the "
                + kind
                + " [file="
                + path
                + ", key="
                + key
                + ", lines="
                + previous
                + " and "
                + lineNumber
                + "]");
      }
      values.put(key, new Settings.Value(value, kind + " " + path + " line " + lineNumber));
    }
    return values;
  }
}
