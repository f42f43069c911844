package io.krxtrader.observer.jsonl;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Builds JSONL lines of the collectors' records as ASCII bytes, with millisecond UTC timestamps
 * ({@code 2026-01-22T00:31:05.120Z}) as the seed's examples have them. Values are the generator's
 * own (codes, numbers, fixed words), so nothing needs escaping.
 */
public final class JsonlText {

  private byte[] bytes = new byte[512];
  private int length;
  private boolean first = true;

  JsonlText begin() {
    length = 0;
    first = true;
    return raw('{');
  }

  JsonlText end() {
    raw('}');
    return raw('\n');
  }

  JsonlText beginObject(String name) {
    key(name);
    first = true;
    return raw('{');
  }

  JsonlText endObject() {
    first = false;
    return raw('}');
  }

  JsonlText string(String name, String value) {
    key(name).raw('"');
    for (int i = 0; i < value.length(); i++) {
      raw(value.charAt(i));
    }
    return raw('"');
  }

  JsonlText number(String name, long value) {
    key(name);
    String text = Long.toString(value);
    for (int i = 0; i < text.length(); i++) {
      raw(text.charAt(i));
    }
    return this;
  }

  JsonlText nullValue(String name) {
    key(name);
    return raw('n').raw('u').raw('l').raw('l');
  }

  JsonlText time(String name, long epochMillis) {
    key(name).raw('"');
    long days = Math.floorDiv(epochMillis, 86_400_000L);
    long millisOfDay = epochMillis - days * 86_400_000L;
    long date = IsoTimestamp.civilDate(days);
    long year = date / 10_000;
    long month = date / 100 % 100;
    long day = date % 100;
    long seconds = millisOfDay / 1000;
    digits(year, 4).raw('-').digits(month, 2).raw('-').digits(day, 2).raw('T');
    digits(seconds / 3600, 2).raw(':').digits(seconds / 60 % 60, 2).raw(':');
    digits(seconds % 60, 2).raw('.').digits(millisOfDay % 1000, 3).raw('Z');
    return raw('"');
  }

  public int length() {
    return length;
  }

  /** The line's bytes, valid until the next {@link #begin}. */
  java.nio.ByteBuffer buffer() {
    return java.nio.ByteBuffer.wrap(bytes, 0, length);
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
  }

  private JsonlText key(String name) {
    if (!first) {
      raw(',');
    }
    first = false;
    raw('"');
    for (int i = 0; i < name.length(); i++) {
      raw(name.charAt(i));
    }
    raw('"');
    return raw(':');
  }

  private JsonlText digits(long value, int width) {
    for (int i = width - 1; i >= 0; i--) {
      raw('0');
    }
    for (int i = 1; i <= width; i++) {
      bytes[length - i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return this;
  }

  private JsonlText raw(char c) {
    if (length == bytes.length) {
      bytes = Arrays.copyOf(bytes, bytes.length * 2);
    }
    bytes[length++] = (byte) c;
    return this;
  }
}
