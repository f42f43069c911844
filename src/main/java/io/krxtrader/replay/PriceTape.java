package io.krxtrader.replay;

import io.krxtrader.db.EpochMicros;
import io.krxtrader.krx.Symbol;
import io.krxtrader.market.PriceSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A day's price events in event-time order, held as primitive columns (a full day of 131 symbols is
 * millions of events): time in epoch microseconds, symbol index, source and price in whole won.
 * Append in order; {@link #sort} orders events appended out of order by (time, symbol, source).
 */
public final class PriceTape {

  private final List<Symbol> symbols = new ArrayList<>();
  private final Map<Symbol, Integer> index = new HashMap<>();
  private long[] micros = new long[1024];
  private int[] symbol = new int[1024];
  private byte[] source = new byte[1024];
  private long[] price = new long[1024];
  private int size;

  public void add(Instant ts, Symbol sym, PriceSource src, long won) {
    add(EpochMicros.of(ts), sym, src, won);
  }

  public void add(long epochMicros, Symbol sym, PriceSource src, long won) {
    if (size == micros.length) {
      int capacity = size * 2;
      micros = Arrays.copyOf(micros, capacity);
      symbol = Arrays.copyOf(symbol, capacity);
      source = Arrays.copyOf(source, capacity);
      price = Arrays.copyOf(price, capacity);
    }
    micros[size] = epochMicros;
    symbol[size] =
        index.computeIfAbsent(
            sym,
            s -> {
              symbols.add(s);
              return symbols.size() - 1;
            });
    source[size] = (byte) src.ordinal();
    price[size] = won;
    size++;
  }

  /** Orders the events by (time, symbol code, source); stable for equal keys. */
  public void sort() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Long.compare(micros[a], micros[b]);
          if (c != 0) {
            return c;
          }
          c = symbols.get(symbol[a]).code().compareTo(symbols.get(symbol[b]).code());
          return c != 0 ? c : Integer.compare(source[a], source[b]);
        });
    long[] m = new long[size];
    int[] s = new int[size];
    byte[] src = new byte[size];
    long[] p = new long[size];
    for (int i = 0; i < size; i++) {
      m[i] = micros[order[i]];
      s[i] = symbol[order[i]];
      src[i] = source[order[i]];
      p[i] = price[order[i]];
    }
    micros = m;
    symbol = s;
    source = src;
    price = p;
  }

  public int size() {
    return size;
  }

  /** The {@code i}-th event's time in epoch microseconds. */
  public long microsAt(int i) {
    return micros[i];
  }

  /** The {@code i}-th event's price in won. */
  public long priceAt(int i) {
    return price[i];
  }

  long micros(int i) {
    return micros[i];
  }

  int symbolIndex(int i) {
    return symbol[i];
  }

  PriceSource source(int i) {
    return PriceSource.values()[source[i]];
  }

  long price(int i) {
    return price[i];
  }

  /** The symbols in the order they first appeared. */
  List<Symbol> symbols() {
    return symbols;
  }
}
