package io.krxtrader.observer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.krxtrader.observer.jsonl.IsoTimestamp;
import java.io.IOException;

/** A timestamp field: its text (written to COPY as it came, when exact) and epoch microseconds. */
final class TimeField extends TextField {

  long micros;

  @Override
  String read(JsonParser parser, JsonToken token, String name, int maxLength) throws IOException {
    String reject = super.read(parser, token, name, maxLength);
    if (reject != null || !present) {
      return reject;
    }
    micros = IsoTimestamp.parseMicros(chars, 0, length);
    if (micros == IsoTimestamp.INVALID) {
      return "unparseable timestamp [field=" + name + ", value=" + value() + "]";
    }
    return null;
  }

  String read(JsonParser parser, JsonToken token, String name) throws IOException {
    return read(parser, token, name, 40);
  }

  /**
   * Writes the timestamp for COPY: the text itself, which PostgreSQL parses to the same instant,
   * unless it has sub-microsecond digits, which PostgreSQL would round where this class truncates.
   */
  void write(CopyText out) {
    if (IsoTimestamp.hasSubMicroDigits(chars, 0, length)) {
      out.utcTimestamp(micros);
    } else {
      out.ascii(chars, 0, length);
    }
  }
}
