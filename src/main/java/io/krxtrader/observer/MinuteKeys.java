package io.krxtrader.observer;

import java.util.Arrays;

/**
 * The distinct (symbol, minute) pairs a chunk of ticks touched, as a primitive set: a key packs the
 * six-character code (base 36) and the minute since the epoch into one {@code long}. Adding a pair
 * allocates nothing, which matters at a few hundred thousand ticks a second.
 */
final class MinuteKeys {

  private static final int MINUTE_BITS = 30;
  private static final long MINUTE_MASK = (1L << MINUTE_BITS) - 1;

  private long[] table = new long[1024];
  private int size;

  void clear() {
    if (size > 0) {
      Arrays.fill(table, 0L);
      size = 0;
    }
  }

  int size() {
    return size;
  }

  /** Adds the minute of {@code epochMicros} for the symbol in {@code code[0..6)} ([0-9A-Z]). */
  void add(char[] code, long epochMicros) {
    long symbol = 0;
    for (int i = 0; i < 6; i++) {
      char c = code[i];
      symbol = symbol * 36 + (c <= '9' ? c - '0' : c - 'A' + 10);
    }
    long minute = Math.floorDiv(epochMicros, IsoTimestamp.MICROS_PER_MINUTE);
    long key = (symbol << MINUTE_BITS) | minute;
    int mask = table.length - 1;
    int slot = (int) (mix(key) & mask);
    while (true) {
      long existing = table[slot];
      if (existing == key) {
        return;
      }
      if (existing == 0) {
        table[slot] = key;
        if (++size * 2 > table.length) {
          grow();
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** The keys in ascending order (symbol, then minute): the order rows are locked in. */
  long[] sorted() {
    long[] keys = new long[size];
    int n = 0;
    for (long key : table) {
      if (key != 0) {
        keys[n++] = key;
      }
    }
    Arrays.sort(keys);
    return keys;
  }

  static String symbol(long key) {
    long symbol = key >>> MINUTE_BITS;
    char[] code = new char[6];
    for (int i = 5; i >= 0; i--) {
      int digit = (int) (symbol % 36);
      code[i] = (char) (digit < 10 ? '0' + digit : 'A' + digit - 10);
      symbol /= 36;
    }
    return new String(code);
  }

  static long minuteEpochMicros(long key) {
    return (key & MINUTE_MASK) * IsoTimestamp.MICROS_PER_MINUTE;
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    int mask = table.length - 1;
    for (long key : old) {
      if (key != 0) {
        int slot = (int) (mix(key) & mask);
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = key;
      }
    }
  }

  private static long mix(long key) {
    long z = key * 0x9E3779B97F4A7C15L;
    return z ^ (z >>> 29);
  }
}
