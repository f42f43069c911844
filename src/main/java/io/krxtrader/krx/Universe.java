package io.krxtrader.krx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A set of stocks in a stable order. The default is the seed's 131-symbol KOSPI/KOSDAQ universe.
 */
public final class Universe {

  private static final String RESOURCE = "universe.csv";
  private static volatile Universe defaultUniverse;

  private final List<Stock> stocks;
  private final Map<Symbol, Stock> bySymbol;

  Universe(List<Stock> stocks) {
    this.stocks = List.copyOf(stocks);
    Map<Symbol, Stock> index = new LinkedHashMap<>();
    for (Stock stock : stocks) {
      if (index.put(stock.symbol(), stock) != null) {
        throw new IllegalArgumentException("symbol listed twice [symbol=" + stock.symbol() + "]");
      }
    }
    this.bySymbol = Collections.unmodifiableMap(index);
  }

  /** The built-in 131 symbols (see {@code universe.csv} next to this class). */
  public static Universe defaultUniverse() {
    Universe universe = defaultUniverse;
    if (universe == null) {
      universe = load();
      defaultUniverse = universe;
    }
    return universe;
  }

  public List<Stock> stocks() {
    return stocks;
  }

  public List<Symbol> symbols() {
    return stocks.stream().map(Stock::symbol).toList();
  }

  public int size() {
    return stocks.size();
  }

  public Optional<Stock> find(Symbol symbol) {
    return Optional.ofNullable(bySymbol.get(symbol));
  }

  /** The first {@code count} stocks, in universe order. */
  public Universe first(int count) {
    if (count < 1 || count > stocks.size()) {
      throw new IllegalArgumentException(
          "a universe subset needs 1 to " + stocks.size() + " symbols [count=" + count + "]");
    }
    return new Universe(stocks.subList(0, count));
  }

  private static Universe load() {
    try (InputStream in = Universe.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Stock> stocks = new ArrayList<>();
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] fields = line.split(",", -1);
        stocks.add(
            new Stock(
                Symbol.of(fields[0]),
                fields[1],
                Market.valueOf(fields[2]),
                Long.parseLong(fields[3]),
                Liquidity.valueOf(fields[4])));
      }
      return new Universe(stocks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
