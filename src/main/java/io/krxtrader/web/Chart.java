package io.krxtrader.web;

import io.krxtrader.krx.Symbol;
import io.krxtrader.market.MarketQueries;
import io.krxtrader.observer.Observer;
import io.krxtrader.observer.ScalpTick;
import io.krxtrader.observer.TimeRange;
import io.krxtrader.trade.execution.ExecutionQueries;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A symbol's prices of one KST day for the dashboard's chart: the Track B ticks' last prices
 * (thinned to at most {@link #MAX_POINTS}, keeping the newest), the best price as the newest point,
 * and the day's fills as entries (buys) and exits (sells). Times are epoch seconds, as uPlot wants
 * them.
 */
record Chart(
    Symbol symbol,
    LocalDate date,
    List<Long> times,
    List<BigDecimal> prices,
    List<Marker> entries,
    List<Marker> exits) {

  static final int MAX_POINTS = 2_000;

  record Marker(long time, BigDecimal price, long quantity) {}

  static Chart of(Observer observer, Connection c, Symbol symbol, LocalDate date)
      throws SQLException {
    List<ScalpTick> ticks =
        new ArrayList<>(observer.ticks(symbol, TimeRange.kstDays(date, date), Optional.empty()));
    ticks.removeIf(t -> t.lastPrice() == null);
    ticks.sort(Comparator.comparing(ScalpTick::eventTime));
    int step = Math.max(1, (ticks.size() + MAX_POINTS - 1) / MAX_POINTS);
    List<Long> times = new ArrayList<>();
    List<BigDecimal> prices = new ArrayList<>();
    for (int i = ticks.size() - 1; i >= 0; i -= step) {
      times.add(0, ticks.get(i).eventTime().getEpochSecond());
      prices.add(0, ticks.get(i).lastPrice());
    }
    Optional<MarketQueries.BestPriceRow> best = MarketQueries.bestPrice(c, symbol);
    if (best.isPresent()
        && date.equals(io.krxtrader.krx.TradingCalendar.kstDate(best.get().time()))) {
      long time = best.get().time().getEpochSecond();
      if (times.isEmpty() || time > times.get(times.size() - 1)) {
        times.add(time);
        prices.add(best.get().lastPrice());
      }
    }
    List<Marker> entries = new ArrayList<>();
    List<Marker> exits = new ArrayList<>();
    for (ExecutionQueries.FillRow fill : ExecutionQueries.fills(c, date)) {
      if (!fill.symbol().equals(symbol)) {
        continue;
      }
      Marker marker = new Marker(seconds(fill.time()), fill.price(), fill.qty());
      if (fill.side().orElse("BUY").equals("SELL")) {
        exits.add(marker);
      } else {
        entries.add(marker);
      }
    }
    return new Chart(symbol, date, times, prices, entries, exits);
  }

  private static long seconds(Instant time) {
    return time.getEpochSecond();
  }
}
