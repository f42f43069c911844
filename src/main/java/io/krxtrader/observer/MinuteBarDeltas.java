package io.krxtrader.observer;

import io.krxtrader.observer.jsonl.IsoTimestamp;
import java.util.Arrays;

/**
 * The 1-minute bars of one chunk's ticks, per (symbol, minute), kept as partial aggregates that
 * merge with a stored bar: open is the price of the earliest event, close of the latest, high and
 * low the extremes, volume and tick count sums. Merging partial bars in any order gives the bar of
 * all their ticks, so each chunk updates its minutes' bars in its own transaction, and a late tick
 * corrects its bar. Prices are NUMERIC(15,4) values scaled by 10,000 into a {@code long}: exact.
 *
 * <p>Within a chunk a tie of event times goes to the earlier line for open and the later line for
 * close, which is the order of their ids; across chunks, to the earlier-merged chunk for open and
 * the later one for close.
 */
final class MinuteBarDeltas {

  private static final int MINUTE_BITS = 30;
  private static final long MINUTE_MASK = (1L << MINUTE_BITS) - 1;

  /** Open addressing: key, and 1 + the bar's index (0 = empty slot). */
  private long[] keys = new long[1024];

  private int[] slots = new int[1024];
  private int size;

  long[] key = new long[256];
  long[] firstMicros = new long[256];
  long[] open = new long[256];
  long[] lastMicros = new long[256];
  long[] close = new long[256];
  long[] high = new long[256];
  long[] low = new long[256];
  long[] volume = new long[256];
  boolean[] hasVolume = new boolean[256];
  int[] ticks = new int[256];
  int[] mitigation = new int[256];
  String[] session = new String[256];

  void clear() {
    if (size > 0) {
      Arrays.fill(slots, 0);
      Arrays.fill(session, 0, size, null);
      size = 0;
    }
  }

  int size() {
    return size;
  }

  /**
   * Adds a tick of the symbol in {@code code[0..6)} ([0-9A-Z]).
   *
   * @param price the last price scaled by 10,000
   * @param hasShares whether the tick had a volume ({@code shares})
   */
  void add(
      char[] code,
      long eventMicros,
      long price,
      boolean hasShares,
      long shares,
      int mitigationLevel,
      String sessionId) {
    long symbol = 0;
    for (int i = 0; i < 6; i++) {
      char c = code[i];
      symbol = symbol * 36 + (c <= '9' ? c - '0' : c - 'A' + 10);
    }
    long k = (symbol << MINUTE_BITS) | Math.floorDiv(eventMicros, IsoTimestamp.MICROS_PER_MINUTE);
    int i = indexOf(k);
    if (i < 0) {
      i = append(k);
      firstMicros[i] = eventMicros;
      open[i] = price;
      lastMicros[i] = eventMicros;
      close[i] = price;
      high[i] = price;
      low[i] = price;
      volume[i] = hasShares ? shares : 0;
      hasVolume[i] = hasShares;
      ticks[i] = 1;
      mitigation[i] = mitigationLevel;
      session[i] = sessionId;
      return;
    }
    if (eventMicros < firstMicros[i]) {
      firstMicros[i] = eventMicros;
      open[i] = price;
    }
    if (eventMicros >= lastMicros[i]) {
      lastMicros[i] = eventMicros;
      close[i] = price;
      session[i] = sessionId;
    }
    high[i] = Math.max(high[i], price);
    low[i] = Math.min(low[i], price);
    if (hasShares) {
      volume[i] += shares;
      hasVolume[i] = true;
    }
    ticks[i]++;
    mitigation[i] = Math.max(mitigation[i], mitigationLevel);
  }

  /** The bars' indexes ordered by symbol, then minute: the order their rows are locked in. */
  int[] order() {
    Integer[] boxed = new Integer[size];
    for (int i = 0; i < size; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(key[a], key[b]));
    return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
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

  static long minute(long key) {
    return key & MINUTE_MASK;
  }

  private int indexOf(long k) {
    int mask = keys.length - 1;
    int slot = (int) (mix(k) & mask);
    while (slots[slot] != 0) {
      if (keys[slot] == k) {
        return slots[slot] - 1;
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  private int append(long k) {
    if (size == key.length) {
      int grown = size * 2;
      key = Arrays.copyOf(key, grown);
      firstMicros = Arrays.copyOf(firstMicros, grown);
      open = Arrays.copyOf(open, grown);
      lastMicros = Arrays.copyOf(lastMicros, grown);
      close = Arrays.copyOf(close, grown);
      high = Arrays.copyOf(high, grown);
      low = Arrays.copyOf(low, grown);
      volume = Arrays.copyOf(volume, grown);
      hasVolume = Arrays.copyOf(hasVolume, grown);
      ticks = Arrays.copyOf(ticks, grown);
      mitigation = Arrays.copyOf(mitigation, grown);
      session = Arrays.copyOf(session, grown);
    }
    if ((size + 1) * 2 > keys.length) {
      rehash(keys.length * 2);
    }
    int index = size++;
    key[index] = k;
    place(k, index);
    return index;
  }

  private void place(long k, int index) {
    int mask = keys.length - 1;
    int slot = (int) (mix(k) & mask);
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    keys[slot] = k;
    slots[slot] = index + 1;
  }

  private void rehash(int capacity) {
    keys = new long[capacity];
    slots = new int[capacity];
    for (int i = 0; i < size; i++) {
      place(key[i], i);
    }
  }

  private static long mix(long k) {
    long z = k * 0x9E3779B97F4A7C15L;
    return z ^ (z >>> 29);
  }
}
