package io.krxtrader.observer;

import io.krxtrader.observer.jsonl.IsoTimestamp;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for NULL, backslash escapes),
 * UTF-8, in a growing byte array. Fields are separated automatically: call {@link #next()} before
 * every field but the first of a row, and {@link #endRow()} after the last.
 */
final class CopyText {

  private static final byte[] NULL = {'\\', 'N'};

  private byte[] bytes;
  private int length;
  private int rows;

  CopyText(int initialCapacity) {
    bytes = new byte[Math.max(64, initialCapacity)];
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  int rows() {
    return rows;
  }

  void clear() {
    length = 0;
    rows = 0;
  }

  /** Drops everything after {@code mark} (a length seen earlier): the last row, unwritten. */
  void truncate(int mark, int rowsAtMark) {
    length = mark;
    rows = rowsAtMark;
  }

  CopyText next() {
    return ascii('\t');
  }

  CopyText endRow() {
    ascii('\n');
    rows++;
    return this;
  }

  CopyText nullValue() {
    ensure(2);
    bytes[length++] = NULL[0];
    bytes[length++] = NULL[1];
    return this;
  }

  CopyText ascii(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Characters known to be printable ASCII without tab, newline or backslash (checked input). */
  CopyText ascii(char[] text, int offset, int count) {
    ensure(count);
    for (int i = 0; i < count; i++) {
      bytes[length++] = (byte) text[offset + i];
    }
    return this;
  }

  CopyText ascii(String text) {
    ensure(text.length());
    for (int i = 0; i < text.length(); i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
    return this;
  }

  /** Any text, escaped for COPY and encoded as UTF-8. The caller has refused NUL characters. */
  CopyText text(char[] text, int offset, int count) {
    ensure(count * 3 + 2);
    for (int i = offset; i < offset + count; i++) {
      char c = text[i];
      if (c < 0x80) {
        switch (c) {
          case '\\' -> {
            bytes[length++] = '\\';
            bytes[length++] = '\\';
          }
          case '\t' -> {
            bytes[length++] = '\\';
            bytes[length++] = 't';
          }
          case '\n' -> {
            bytes[length++] = '\\';
            bytes[length++] = 'n';
          }
          case '\r' -> {
            bytes[length++] = '\\';
            bytes[length++] = 'r';
          }
          default -> bytes[length++] = (byte) c;
        }
      } else if (c < 0x800) {
        bytes[length++] = (byte) (0xC0 | (c >> 6));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < offset + count
          && Character.isLowSurrogate(text[i + 1])) {
        int cp = Character.toCodePoint(c, text[++i]);
        bytes[length++] = (byte) (0xF0 | (cp >> 18));
        bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        // A lone surrogate cannot be encoded: U+FFFD, as Java's encoder does.
        bytes[length++] = (byte) 0xEF;
        bytes[length++] = (byte) 0xBF;
        bytes[length++] = (byte) 0xBD;
      } else {
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return this;
  }

  CopyText text(String text) {
    char[] chars = text.toCharArray();
    return text(chars, 0, chars.length);
  }

  CopyText number(long value) {
    if (value == Long.MIN_VALUE) {
      return ascii(Long.toString(value));
    }
    ensure(20);
    if (value < 0) {
      bytes[length++] = '-';
      value = -value;
    }
    int start = length;
    do {
      bytes[length++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte swap = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = swap;
    }
    return this;
  }

  CopyText decimal(BigDecimal value) {
    return ascii(value.toPlainString());
  }

  /** Writes {@code epochMicros} as {@code YYYY-MM-DD HH:MM:SS.ffffff+00}. */
  CopyText utcTimestamp(long epochMicros) {
    long days = Math.floorDiv(epochMicros, IsoTimestamp.MICROS_PER_DAY);
    long microsOfDay = epochMicros - days * IsoTimestamp.MICROS_PER_DAY;
    long date = IsoTimestamp.civilDate(days);
    long year = date / 10_000;
    long month = date / 100 % 100;
    long day = date % 100;
    long secondOfDay = microsOfDay / IsoTimestamp.MICROS_PER_SECOND;
    long fraction = microsOfDay % IsoTimestamp.MICROS_PER_SECOND;
    digits(year, 4).ascii('-').digits(month, 2).ascii('-').digits(day, 2).ascii(' ');
    digits(secondOfDay / 3600, 2).ascii(':').digits(secondOfDay / 60 % 60, 2).ascii(':');
    return digits(secondOfDay % 60, 2).ascii('.').digits(fraction, 6).ascii('+').digits(0, 2);
  }

  /** {@code value} in exactly {@code width} digits, zero-padded (a non-negative value). */
  CopyText digits(long value, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      bytes[length + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    length += width;
    return this;
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
