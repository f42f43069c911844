package io.krxtrader.observer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A string field of the line being parsed: its characters copied out of the parser's buffer into an
 * array reused for every line, so that parsing a line allocates no strings.
 */
class TextField {

  char[] chars = new char[64];
  int length;
  boolean present;

  void clear() {
    present = false;
    length = 0;
  }

  /**
   * Reads a string token. Returns a reject reason or null; JSON null counts as absent.
   *
   * @param maxLength the column's width; a longer value would fail the whole COPY
   */
  String read(JsonParser parser, JsonToken token, String name, int maxLength) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      present = false;
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      return "wrong type [field=" + name + ", expected=string]";
    }
    int count = parser.getTextLength();
    if (count > maxLength) {
      return "value too long [field=" + name + ", length=" + count + ", maximum=" + maxLength + "]";
    }
    if (count > chars.length) {
      chars = new char[Math.max(count, chars.length * 2)];
    }
    System.arraycopy(parser.getTextCharacters(), parser.getTextOffset(), chars, 0, count);
    for (int i = 0; i < count; i++) {
      if (chars[i] == 0) {
        return "NUL character in text [field=" + name + "]";
      }
    }
    length = count;
    present = true;
    return null;
  }

  boolean equalsText(String text) {
    if (text.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (chars[i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** For reject messages only. */
  String value() {
    return new String(chars, 0, length);
  }
}
