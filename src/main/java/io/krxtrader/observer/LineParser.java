package io.krxtrader.observer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Turns one JSONL line into one COPY row, or says why not. Parsing streams through Jackson's {@link
 * JsonParser} into reusable field holders and writes the row only once every rule passed, so a
 * rejected line leaves nothing behind. One instance per thread.
 *
 * <p>Rules common to every kind: the line is one JSON object; unknown fields are ignored; a missing
 * required field, a wrong type or an impossible value rejects the line, and only that line.
 */
abstract class LineParser {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final int MAX_MESSAGE = 200;

  /** Parses the line; returns null when a row was written to {@code chunk}, else the reason. */
  final String parse(byte[] line, int offset, int length, long lineNumber, Chunk chunk) {
    String reject = read(line, offset, length);
    return reject != null ? reject : finish(lineNumber, chunk);
  }

  /** Reads the line's fields into the holders; returns null when every field was usable. */
  final String read(byte[] line, int offset, int length) {
    if (isBlank(line, offset, length)) {
      return "empty line";
    }
    clear();
    try (JsonParser parser = JSON.createParser(line, offset, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return "not a JSON object";
      }
      String name;
      while ((name = parser.nextFieldName()) != null) {
        JsonToken token = parser.nextToken();
        String reject = field(name, parser, token);
        if (reject != null) {
          return reject;
        }
      }
      if (parser.nextToken() != null) {
        return "more than one JSON value on the line";
      }
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage().replaceAll("\\s+", " ");
      return "malformed JSON ["
          + (message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message)
          + "]";
    } catch (IOException e) {
      return "unreadable line [" + e.getMessage() + "]";
    }
    return null;
  }

  /** Forgets the previous line's fields. */
  abstract void clear();

  /** Reads one top-level field (skipping unknown ones); returns a reject reason or null. */
  abstract String field(String name, JsonParser parser, JsonToken token) throws IOException;

  /** Checks the whole record and writes its row; returns a reject reason or null. */
  abstract String finish(long lineNumber, Chunk chunk);

  static String missing(String field) {
    return "missing field [field=" + field + "]";
  }

  static String symbolReject(TextField symbol) {
    return "invalid symbol, expected six upper-case letters or digits [value="
        + symbol.value()
        + "]";
  }

  static boolean isSymbol(TextField symbol) {
    if (symbol.length != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = symbol.chars[i];
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(byte[] line, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
