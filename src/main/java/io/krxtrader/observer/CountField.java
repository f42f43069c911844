package io.krxtrader.observer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** A whole-number field (a size, a volume, a level): a JSON integer within its column's range. */
final class CountField {

  boolean present;
  long value;

  void clear() {
    present = false;
  }

  /**
   * Reads an integer token; returns a reject reason or null. JSON null counts as absent.
   *
   * @param min the smallest acceptable value (0 for sizes and volumes)
   * @param max the largest acceptable value (the column type's)
   */
  String read(JsonParser parser, JsonToken token, String name, long min, long max)
      throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      present = false;
      return null;
    }
    if (token != JsonToken.VALUE_NUMBER_INT) {
      return "wrong type [field=" + name + ", expected=integer]";
    }
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return "value out of range [field=" + name + ", value=" + parser.getText() + "]";
    }
    long read = parser.getLongValue();
    if (read < min) {
      return (min == 0 ? "negative value" : "value out of range")
          + " [field="
          + name
          + ", value="
          + read
          + "]";
    }
    if (read > max) {
      return "value out of range [field=" + name + ", value=" + read + "]";
    }
    value = read;
    present = true;
    return null;
  }

  void write(CopyText out) {
    if (present) {
      out.number(value);
    } else {
      out.nullValue();
    }
  }
}
